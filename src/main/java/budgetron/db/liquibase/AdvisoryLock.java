package budgetron.db.liquibase;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Progress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The migration lock: a PostgreSQL session-level advisory lock. The server releases it when the
 * holding connection ends, however it ends, so a process killed with SIGKILL never leaves a stale
 * lock behind (Liquibase's DATABASECHANGELOGLOCK row does: liquibase issue #1311). Re-entrant on
 * one connection, as PostgreSQL's advisory locks are.
 */
public final class AdvisoryLock implements AutoCloseable {
    /** One key for every budgetron-db process on a database: "budgetron" in ASCII, truncated to 8 bytes. */
    public static final long KEY = 0x6275646765747260L;
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

    private final Connection connection;

    private AdvisoryLock(Connection connection) {
        this.connection = connection;
    }

    public static boolean tryAcquire(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } finally {
            // the lock is the session's; do not leave the SELECT's transaction open
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /**
     * Asks the server to check every second that this session's client is still there. Without it, a
     * backend whose client was killed (SIGKILL) finishes its statement first, holding the migration lock
     * and its transaction until then. Set where the lock is taken, so every lock holder has it: the
     * commands, and the Maven goals through AdvisoryLockService. PostgreSQL 14 and later.
     */
    static void watchClient(Connection c) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (Statement s = c.createStatement()) {
                s.execute("SET client_connection_check_interval = '1s'");
            }
            if (!c.getAutoCommit()) {
                c.commit(); // a plain SET is undone by a rollback
            }
        }
    }

    /** Waits up to {@code wait} for the lock, polling, and says who holds it if it never comes. */
    public static AdvisoryLock acquire(Connection c, Duration wait) throws SQLException {
        return acquire(c, wait, Progress.SILENT);
    }

    /**
     * The same, saying once through {@code progress} that it waits and for whom (another migrate,
     * another app instance), and again every 30 seconds: a start that seems stuck says why.
     */
    public static AdvisoryLock acquire(Connection c, Duration wait, Progress progress) throws SQLException {
        watchClient(c);
        Instant deadline = Instant.now().plus(wait);
        Instant nextNote = Instant.now();
        while (!tryAcquire(c)) {
            if (!Instant.now().isBefore(nextNote)) {
                progress.say("Waiting for the migration lock, held by " + holder(c) + " (up to " + wait.toSeconds() + " s)");
                nextNote = Instant.now().plusSeconds(30);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ConfigException("Another migration holds the lock on this database (" + holder(c) + ") and did not finish within "
                        + wait.toSeconds() + " s. If that process is gone, its lock went with its connection: run again.");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the migration lock");
            }
        }
        return new AdvisoryLock(c);
    }

    public static void release(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } finally {
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    static String holder(Connection c) throws SQLException {
        String sql = "SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'), a.backend_start "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.objid = (" + KEY + " & 4294967295) AND l.classid = (" + KEY + " >> 32)";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? "server pid " + rs.getInt(1) + ", " + rs.getString(2) + " from " + rs.getString(3) + ", connected at "
                    + rs.getTimestamp(4) : "holder unknown";
        }
    }

    @Override
    public void close() throws SQLException {
        if (!connection.isClosed()) {
            release(connection);
        }
    }
}
