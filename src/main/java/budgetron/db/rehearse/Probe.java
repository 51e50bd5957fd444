package budgetron.db.rehearse;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each changeset did to the copy, measured rather than guessed from its text: how long it
 * ran, the table locks it took (pg_locks: polled every few milliseconds from a second connection,
 * and read on the migrating connection itself before a transactional changeset commits, so that a
 * lock held for a millisecond is not missed) and how long it held them, the tables it rewrote (a
 * table's relfilenode changed), and the row counts of the tables it locked before and after.
 */
final class Probe extends AbstractChangeExecListener implements AutoCloseable {
    /** One changeset's measurements. */
    static final class Run {
        final String id;
        final String file;
        final boolean transactional;
        final long startNanos;
        long millis;
        /** "mode table" → [first seen, last seen] in nanos. */
        final Map<String, long[]> locks = new java.util.concurrent.ConcurrentHashMap<>();
        final Set<String> rewrote = new TreeSet<>();
        final Map<String, long[]> rows = new LinkedHashMap<>();
        Exception failure;

        Run(ChangeSet cs) {
            this.id = cs.getId();
            this.file = cs.getFilePath();
            this.transactional = cs.isRunInTransaction();
            this.startNanos = System.nanoTime();
        }
    }

    private static final String LOCKS = "SELECT l.mode, format('%I.%I', n.nspname, c.relname), c.relkind FROM pg_locks l "
            + "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE l.pid = ? AND l.locktype = 'relation' AND l.granted AND c.relkind IN ('r', 'p', 'm') "
            + "AND c.relname NOT IN ('databasechangelog', 'databasechangeloglock') "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'budgetron_backup') AND n.nspname NOT LIKE 'pg\\_toast%'";
    private static final String FILES = "SELECT format('%I.%I', n.nspname, c.relname), c.relfilenode FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'budgetron_backup') AND n.nspname NOT LIKE 'pg\\_toast%'";

    private final Connection monitor;
    private final Connection poller;
    private final int migratingPid;
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, Long> knownRows = new HashMap<>();
    private Map<String, Long> filesBefore;
    private volatile Run current;
    private final Thread polling;
    private volatile boolean stop;

    Probe(Connection monitor, Connection poller, Connection migrating, Map<String, Long> rows) throws SQLException {
        this.monitor = monitor;
        this.poller = poller;
        try (Statement s = migrating.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.migratingPid = rs.getInt(1);
        }
        rows.forEach((t, n) -> knownRows.put(qualify(t), n));
        this.polling = new Thread(this::poll, "rehearsal-lock-poller");
        polling.setDaemon(true);
        polling.start();
    }

    List<Run> runs() {
        return runs;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.RunStatus runStatus) {
        settlePrevious();
        Run run = new Run(changeSet);
        runs.add(run);
        try {
            filesBefore = files();
        } catch (SQLException e) {
            filesBefore = Map.of();
        }
        current = run;
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.ExecType execType) {
        Run run = current;
        if (run == null) {
            return;
        }
        if (run.transactional) {
            // the changeset's locks are all still held: read them on its own connection, inside its transaction
            Connection c = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
            try (PreparedStatement ps = c.prepareStatement(LOCKS.replace("l.pid = ?", "l.pid = pg_backend_pid()"))) {
                try (ResultSet rs = ps.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        run.locks.computeIfAbsent(rs.getString(1) + " " + rs.getString(2), k -> new long[]{run.startNanos, now})[1] = now;
                    }
                }
            } catch (SQLException e) {
                // measurements only: the changeset goes on
            }
        }
        run.millis = (System.nanoTime() - run.startNanos) / 1_000_000;
        current = null;
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Exception exception) {
        Run run = current;
        if (run == null) {
            run = new Run(changeSet);
            runs.add(run);
        }
        run.failure = exception;
        run.millis = (System.nanoTime() - run.startNanos) / 1_000_000;
        current = null;
    }

    /** Rewrites and row counts of the last changeset, read once it committed. Called before the next one and at the end. */
    void settlePrevious() {
        if (runs.isEmpty() || filesBefore == null) {
            return;
        }
        Run last = runs.get(runs.size() - 1);
        try {
            Map<String, Long> after = files();
            filesBefore.forEach((table, file) -> {
                Long now = after.get(table);
                if (now != null && !now.equals(file)) {
                    last.rewrote.add(table);
                }
            });
            Set<String> touched = new TreeSet<>();
            last.locks.keySet().forEach(k -> touched.add(k.substring(k.indexOf(' ') + 1)));
            for (String table : touched) {
                Long before = knownRows.get(table);
                try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    long count = rs.getLong(1);
                    last.rows.put(table, new long[]{before == null ? -1 : before, count});
                    knownRows.put(table, count);
                } catch (SQLException gone) {
                    last.rows.put(table, new long[]{before == null ? -1 : before, -1});
                    knownRows.remove(table);
                }
            }
        } catch (SQLException e) {
            // measurements only
        }
        filesBefore = null;
    }

    private Map<String, Long> files() throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery(FILES)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private void poll() {
        try (PreparedStatement ps = poller.prepareStatement(LOCKS)) {
            ps.setInt(1, migratingPid);
            while (!stop) {
                Run run = current;
                if (run != null) {
                    try (ResultSet rs = ps.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            run.locks.computeIfAbsent(rs.getString(1) + " " + rs.getString(2), k -> new long[]{now, now})[1] = now;
                        }
                    }
                }
                Thread.sleep(run == null ? 20 : 3);
            }
        } catch (SQLException | InterruptedException e) {
            // the rehearsal ended
        }
    }

    static String qualify(String key) {
        return key.contains(".") ? key : "public." + key;
    }

    @Override
    public void close() {
        stop = true;
        try {
            polling.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
