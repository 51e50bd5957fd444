package budgetron.db.generate;

import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * src/bench/rolling.sh: release N's Hibernate-shaped load (four connections: insert naming every
 * column, select by id, select of a range of ids, update of every column; pgjdbc's default prepare
 * threshold) while release
 * N+1's generated changeset is applied, per change kind, zero-downtime (expand, backfill; the
 * contract waits) beside the same change in place (a plain Liquibase update). Not a test: numbers.
 * Arguments: admin URL, rows.
 */
public final class RollingBench {
    public static void main(String[] args) throws Exception {
        DbUrl admin = DbUrl.parse(args[0]);
        int rows = Integer.parseInt(args[1]);
        String only = args.length > 2 ? args[2] : "";
        Object[][] kinds = {
                {"no change (control)", Releases.LedgerV1.class},
                {"rename a field (@RenamedFrom)", Releases.OnlyRenamed.class},
                {"remove a field", Releases.OnlyDropped.class},
                {"BigDecimal -> precision 14, scale 2", Releases.OnlyScaled.class},
                {"Integer -> Long", Releases.OnlyLong.class},
                {"varchar(255) -> text", Releases.OnlyText.class}};
        System.out.printf("| change | mode | N's failed statements | N's p99 during migrate | N's slowest | migrate | backfill rows/s | N's throughput with trigger |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|%n");
        for (Object[] kind : kinds) {
            if (!only.isEmpty() && !((String) kind[0]).contains(only)) {
                continue;
            }
            for (boolean zero : new boolean[]{true, false}) {
                run((String) kind[0], (Class<?>) kind[1], zero, admin, rows);
            }
        }
    }

    private static void run(String kind, Class<?> v2, boolean zero, DbUrl admin, int rows) throws Exception {
        String name = "bench_rolling";
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.connectionProperties()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        DbUrl db = admin.withDatabase(name);
        Path project = Files.createTempDirectory("rolling");
        budgetron.db.support.EmptyChangelog.in(project);
        ChangelogWriter.write(project.resolve("changelog"), "init", Generator.diff(db, List.of(Releases.LedgerV1.class), false, false));
        migrate(db, project);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.connectionProperties()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO ledger (note, amount, counter, label, legacy) SELECT 'note ' || g, g * 1.25, g, 'label ' || g, "
                    + "'legacy ' || g FROM generate_series(1, " + rows + ") g");
            s.execute("VACUUM ANALYZE ledger");
        }
        List<Change> changes = Generator.diff(db, List.of(v2), false, zero);
        if (!changes.isEmpty()) {
            ChangelogWriter.write(project.resolve("changelog"), "release-2", changes);
        }
        Load load = new Load(db, rows);
        Thread.sleep(2000);
        double before = load.rate(3000);
        load.record.set(true);
        long started = System.nanoTime();
        migrate(db, project);
        double migrateSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1000);
        load.record.set(false);
        double after = load.rate(3000);
        load.close();
        List<Long> lat = new ArrayList<>(load.latencies);
        lat.sort(Long::compare);
        double p99 = lat.isEmpty() ? 0 : lat.get((int) Math.min(lat.size() - 1, Math.ceil(lat.size() * 0.99) - 1)) / 1e6;
        double max = lat.isEmpty() ? 0 : lat.get(lat.size() - 1) / 1e6;
        String backfill = "—";
        String overhead = "—";
        if (zero && !changes.isEmpty()) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.connectionProperties()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(rows_updated), extract(epoch FROM max(updated) - min(started)) FROM budgetron_release.backfills")) {
                if (rs.next() && rs.getLong(1) > 0) {
                    backfill = String.format("%,.0f", rs.getLong(1) / rs.getDouble(2));
                }
            } catch (SQLException e) {
                backfill = "none";
            }
            overhead = String.format("%.0f %%", 100 * after / before);
        }
        System.out.printf("| %s | %s | %,d | %.1f ms | %.0f ms | %.1f s | %s | %s |%n", kind, zero ? "budgetron-db (zero-downtime)" : "in place (plain Liquibase)",
                load.failures.get(), p99, max, migrateSeconds, backfill, overhead);
        if (load.firstError.get() != null) {
            System.out.println("|  | first failure: " + load.firstError.get().split("\n")[0].replace('|', '/') + " | | | | | | |");
        }
    }

    private static void migrate(DbUrl db, Path project) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.connectionProperties()); Migrator m = new Migrator(c, Changelog.in(project))) {
            m.update();
        }
    }

    /** Release N: four connections issuing what Hibernate writes for LedgerV1. */
    private static final class Load implements AutoCloseable {
        final AtomicLong done = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicBoolean record = new AtomicBoolean();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicReference<String> firstError = new AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(DbUrl db, int rows) {
            for (int i = 0; i < 4; i++) {
                int seed = i;
                Thread t = new Thread(() -> work(db, rows, seed));
                threads.add(t);
                t.start();
            }
        }

        double rate(long millis) throws InterruptedException {
            long a = done.get();
            Thread.sleep(millis);
            return (done.get() - a) * 1000.0 / millis;
        }

        private void work(DbUrl db, int rows, int seed) {
            Properties p = db.connectionProperties();
            p.setProperty("ApplicationName", "budgetron:0000");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), p)) {
                java.util.Random random = new java.util.Random(seed);
                while (running.get()) {
                    long id = 1 + random.nextInt(rows);
                    int which = random.nextInt(4);
                    long t0 = System.nanoTime();
                    try {
                        switch (which) {
                            case 0 -> {
                                try (PreparedStatement s = c.prepareStatement("insert into ledger (amount,counter,label,legacy,note) values (?,?,?,?,?)")) {
                                    s.setBigDecimal(1, new BigDecimal("12.34"));
                                    s.setInt(2, seed);
                                    s.setString(3, "l");
                                    s.setString(4, "g");
                                    s.setString(5, "n");
                                    s.executeUpdate();
                                }
                            }
                            case 1, 3 -> {
                                try (PreparedStatement s = c.prepareStatement(which == 1
                                        ? "select l1_0.id,l1_0.amount,l1_0.counter,l1_0.label,l1_0.legacy,l1_0.note from ledger l1_0 where l1_0.id=?"
                                        : "select l1_0.id,l1_0.amount,l1_0.counter,l1_0.label,l1_0.legacy,l1_0.note from ledger l1_0 "
                                        + "where l1_0.id between ? and ? order by l1_0.id")) {
                                    s.setLong(1, id);
                                    if (which == 3) {
                                        s.setLong(2, id + 20);
                                    }
                                    try (ResultSet rs = s.executeQuery()) {
                                        while (rs.next()) {
                                            rs.getBigDecimal(2);
                                        }
                                    }
                                }
                            }
                            default -> {
                                try (PreparedStatement s = c.prepareStatement("update ledger set amount=?,counter=?,label=?,legacy=?,note=? where id=?")) {
                                    s.setBigDecimal(1, new BigDecimal("1.50"));
                                    s.setInt(2, (int) id);
                                    s.setString(3, "u");
                                    s.setString(4, "u");
                                    s.setString(5, "u");
                                    s.setLong(6, id);
                                    s.executeUpdate();
                                }
                            }
                        }
                        done.incrementAndGet();
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                        firstError.compareAndSet(null, e.getMessage());
                        if (!c.getAutoCommit()) {
                            c.rollback();
                        }
                    }
                    if (record.get()) {
                        latencies.add(System.nanoTime() - t0);
                    }
                }
            } catch (SQLException e) {
                firstError.compareAndSet(null, e.getMessage());
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
