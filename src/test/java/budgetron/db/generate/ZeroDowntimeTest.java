package budgetron.db.generate;

import budgetron.db.config.DbUrl;
import budgetron.db.lint.Finding;
import budgetron.db.lint.Linter;
import budgetron.db.lint.Selection;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.Entities;
import budgetron.db.support.TestDatabase;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A release N serving (the statements Hibernate writes for its entities, server-prepared as pgjdbc
 * does after a few uses) while release N+1's generated changeset is applied: none of N's statements
 * fails, N+1 works on the expanded schema, both releases validate with Hibernate, the contract waits
 * while N is connected and runs once it is gone, and N+1 keeps working across it.
 */
class ZeroDowntimeTest {
    private static final List<Class<?>> V1 = List.of(Releases.LedgerV1.class, Releases.AuditNote.class);
    private static final List<Class<?>> V2 = List.of(Releases.LedgerV2.class);

    private DbUrl db;
    private Path project;

    @BeforeEach
    void releaseN(@TempDir Path dir) throws Exception {
        db = TestDatabase.fresh();
        project = dir;
        budgetron.db.support.EmptyChangelog.in(dir);
        ChangelogWriter.write(dir.resolve("changelog"), "init", Generator.diff(db, V1, false, true));
        migrate();
        TestDatabase.execute(db, "INSERT INTO ledger (note, amount, counter, label, legacy) "
                + "SELECT 'note ' || g, g * 1.25, g, 'label ' || g, 'legacy ' || g FROM generate_series(1, 3000) g");
    }

    @Test
    void releaseNKeepsWorkingWhileNPlus1MigratesAndTheContractWaitsForIt() throws Exception {
        Path file = ChangelogWriter.write(project.resolve("changelog"), "release-2", Generator.diff(db, V2, false, true));
        String text = Files.readString(file);
        List<Finding> findings = Selection.since(Changelog.in(project), file.getFileName().toString()).findings();
        assertEquals(List.of(), findings.stream().filter(f -> !f.accepted()).toList(), Linter.format(findings) + text);
        assertFalse(text.contains(ExpandContract.RELEASE), text);

        Connection next;
        try (ReleaseLoad n = new ReleaseLoad(db, 3)) {
            Thread.sleep(300);
            List<String> ran = migrate();
            Thread.sleep(300);
            n.stop();
            assertEquals(0, n.failures.get(), "release N's statements failed while N+1 migrated: " + n.firstError.get());
            assertTrue(n.statements.get() > 50, "the load ran: " + n.statements.get());
            System.out.println("[zero-downtime test] release N: " + n.statements.get() + " statements, 0 failed, slowest "
                    + n.slowestMillis.get() + " ms; applied " + ran);
            // the contract waits for release N (connected as budgetron:0000)
            assertTrue(pending().stream().allMatch(id -> text.contains("--changeset budgetron:" + id + " labels:contract")), pending().toString());
            assertFalse(pending().isEmpty());
            // backfilled and kept in step by the trigger: every row has its new columns
            assertEquals("0", TestDatabase.queryOne(db, "SELECT count(*) FROM ledger WHERE remark IS DISTINCT FROM note "
                    + "OR \"_bn0001_amount\" IS NULL OR \"_bn0001_counter\" IS DISTINCT FROM counter OR \"_bn0001_label\" IS DISTINCT FROM label"));

            // release N+1: its columns through its schema, values copied both ways
            next = connect("budgetron:0001", "budgetron_0001,public");
            long id;
            try (PreparedStatement s = next.prepareStatement("INSERT INTO ledger (remark, amount, counter, label) VALUES (?, ?, ?, ?) RETURNING id")) {
                s.setString(1, "from N+1");
                s.setBigDecimal(2, new BigDecimal("7.129"));
                s.setLong(3, 2_000_000_000L);
                s.setString(4, "a label");
                ResultSet rs = s.executeQuery();
                rs.next();
                id = rs.getLong(1);
            }
            assertEquals("from N+1|7.13|2000000000", one(next, "SELECT remark || '|' || amount || '|' || counter FROM ledger WHERE id = " + id));
            try (Connection old = connect("budgetron:0000", null)) {
                // release N reads what N+1 wrote, in its own columns and types
                assertEquals("from N+1|7.13|2000000000", one(old, "SELECT note || '|' || amount || '|' || counter FROM ledger WHERE id = " + id));
            }
            Entities.open(db, "validate", V1).close();
            Entities.open(withSearchPath("budgetron_0001,public"), "validate", V2).close();
            migrate();
            assertFalse(pending().isEmpty(), "the contract still waits while release N is connected");
        }
        awaitNoConnections("budgetron:0000");
        String before = TestDatabase.queryOne(db, "SELECT count(*) || '/' || sum(length(note)) || '/' || sum(\"_bn0001_amount\") FROM ledger");
        List<String> contract = migrate();
        assertTrue(contract.size() >= 2, contract.toString());
        assertEquals(List.of(), pending());
        // N+1's connection, open across the contract, goes on
        assertEquals(before, one(next, "SELECT count(*) || '/' || sum(length(remark)) || '/' || sum(amount) FROM ledger"), "nothing lost");
        assertEquals("from N+1", one(next, "SELECT remark FROM ledger WHERE counter = 2000000000"));
        try (PreparedStatement s = next.prepareStatement("INSERT INTO ledger (remark, amount, counter, label) VALUES ('after', 1.5, 1, 'x')")) {
            s.executeUpdate();
        }
        next.close();
        assertEquals("0", TestDatabase.queryOne(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'budgetron_0001'"));
        assertEquals(List.of(), Generator.diff(db, V2, false, true).stream().map(Change::title).toList(), "second diff is empty");
        Entities.open(db, "validate", V2).close();
    }

    @Test
    void aNotNullColumnWithoutAValueIsRefusedAtGenerateTime() throws Exception {
        NeedsValueException e = assertThrows(NeedsValueException.class,
                () -> Generator.diff(db, List.of(Releases.LedgerNeedsValue.class, Releases.AuditNote.class), false, true));
        assertTrue(e.getMessage().contains("ledger.currency") && e.getMessage().contains("@ColumnDefault"), e.getMessage());
        List<Change> withDefault = Generator.diff(db, List.of(Releases.LedgerWithDefault.class, Releases.AuditNote.class), false, true);
        ChangelogWriter.write(project.resolve("changelog"), "currency", withDefault);
        migrate();
        assertEquals("3000", TestDatabase.queryOne(db, "SELECT count(*) FROM ledger WHERE currency = 'USD'"));
    }

    private List<String> migrate() throws Exception {
        try (Connection c = TestDatabase.connect(db); Migrator m = new Migrator(c, Changelog.in(project))) {
            return m.update().stream().map(ChangeSet::getId).toList();
        }
    }

    private List<String> pending() throws Exception {
        try (Connection c = TestDatabase.connect(db); Migrator m = new Migrator(c, Changelog.in(project))) {
            return m.pending().stream().map(ChangeSet::getId).toList();
        }
    }

    private DbUrl withSearchPath(String path) {
        return DbUrl.parse(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + path).withCredentials(db.user(), db.password());
    }

    private Connection connect(String applicationName, String searchPath) throws SQLException {
        Properties p = db.connectionProperties();
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("prepareThreshold", "1"); // server-prepared at once, as pgjdbc does after five uses
        if (searchPath != null) {
            p.setProperty("currentSchema", searchPath);
        }
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void awaitNoConnections(String applicationName) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (TestDatabase.count(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'") == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(applicationName + " still connected");
    }

    /** Release N: connections issuing what Hibernate writes for LedgerV1 (insert naming every column, select by id, update of every column). */
    private final class ReleaseLoad implements AutoCloseable {
        final AtomicLong statements = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong inserted = new AtomicLong();
        final AtomicLong slowestMillis = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final List<Connection> connections = new ArrayList<>();

        ReleaseLoad(DbUrl db, int n) throws SQLException {
            for (int i = 0; i < n; i++) {
                Connection c = connect("budgetron:0000", null);
                connections.add(c);
                Thread t = new Thread(() -> run(c), "release-n-" + i);
                threads.add(t);
                t.start();
            }
        }

        private void run(Connection c) {
            long k = 0;
            while (running.get()) {
                k++;
                try (PreparedStatement ins = c.prepareStatement("insert into ledger (amount,counter,label,legacy,note) values (?,?,?,?,?)",
                        new String[]{"id"});
                     PreparedStatement sel = c.prepareStatement("select l1_0.id,l1_0.amount,l1_0.counter,l1_0.label,l1_0.legacy,l1_0.note "
                             + "from ledger l1_0 where l1_0.id=?");
                     PreparedStatement upd = c.prepareStatement("update ledger set amount=?,counter=?,label=?,legacy=?,note=? where id=?")) {
                    long started = System.nanoTime();
                    ins.setBigDecimal(1, new BigDecimal("12.34"));
                    ins.setInt(2, (int) k);
                    ins.setString(3, "label n");
                    ins.setString(4, "legacy n");
                    ins.setString(5, "note n" + k);
                    ins.executeUpdate();
                    long id;
                    try (ResultSet keys = ins.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    inserted.incrementAndGet();
                    sel.setLong(1, 1 + k % 3000);
                    try (ResultSet rs = sel.executeQuery()) {
                        while (rs.next()) {
                            rs.getBigDecimal(2);
                        }
                    }
                    upd.setBigDecimal(1, new BigDecimal("1.5"));
                    upd.setInt(2, (int) k);
                    upd.setString(3, "label u");
                    upd.setString(4, "legacy u");
                    upd.setString(5, "note u" + k);
                    upd.setLong(6, id);
                    upd.executeUpdate();
                    statements.addAndGet(3);
                    slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                } catch (SQLException e) {
                    if (running.get()) {
                        failures.incrementAndGet();
                        firstError.compareAndSet(null, e.getMessage());
                    }
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }

        @Override
        public void close() throws Exception {
            stop();
            for (Connection c : connections) {
                c.close();
            }
        }
    }
}
