package budgetron.db.liquibase;

import budgetron.db.config.LockRetries;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.statement.core.RawSqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase's JDBC executor, plus: a statement that fails on lock_timeout (SQLSTATE 55P03) is
 * rolled back to a savepoint taken just before it and tried again after a pause, a bounded number
 * of times, saying so on the console; then it fails with the table and the sessions holding locks
 * on it. Only that statement is undone, so the changeset stays whole: applied once, or not at all.
 * Registered as a Liquibase service, so `budgetron-db migrate` and `mvn liquibase:update` both use it.
 * Configured by lock-retries and lock-retry-wait in the properties file (budgetron.lock-retries,
 * budgetron.lock-retry-wait system properties).
 */
public class LockRetryExecutor extends JdbcExecutor {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Pattern TABLES = Pattern.compile("(?i)(?:ALTER TABLE(?: ONLY)?(?: IF EXISTS)?|LOCK(?: TABLE)?|"
            + "CREATE (?:UNIQUE )?INDEX(?: CONCURRENTLY)?(?: IF NOT EXISTS)?(?: \"?[\\w$]+\"?)? ON(?: ONLY)?|REFERENCES|"
            + "DROP TABLE(?: IF EXISTS)?|UPDATE(?: ONLY)?|DELETE FROM(?: ONLY)?|INSERT INTO|TRUNCATE(?: TABLE)?)\\s+((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)");

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public void execute(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        Connection c = connection();
        MavenGoalGuard.check(c);
        if (c == null || !mayWaitForALock(sql, c)) {
            super.execute(sql, sqlVisitors);
            return;
        }
        int retries = LockRetries.retries();
        long wait = LockRetries.waitMillis();
        for (int attempt = 0; ; attempt++) {
            Savepoint savepoint = savepoint(c);
            try {
                super.execute(sql, sqlVisitors);
                release(c, savepoint);
                return;
            } catch (DatabaseException e) {
                if (!lockTimeout(e)) {
                    throw e;
                }
                rollbackTo(c, savepoint);
                String text = text(sql);
                String holders = holders(c, text);
                if (attempt >= retries) {
                    throw new DatabaseException("lock_timeout: could not lock " + describeTables(text) + " after " + (retries + 1)
                            + " tries; " + holders + ". Nothing of this changeset was applied: end that transaction (or wait for it) "
                            + "and run migrate again; lock-retries and lock-retry-wait in the properties file set how long it waits.");
                }
                long pause = wait << attempt;
                LockRetries.progress().say("[budgetron] lock_timeout on " + describeTables(text) + " (" + holders + "): retry "
                        + (attempt + 1) + " of " + retries + " in " + pause / 1000.0 + " s");
                sleep(pause);
            }
        }
    }

    /** Whether the session has a lock_timeout of its own (role, database or server setting): read once, when first needed. */
    private Boolean sessionTimeout;
    /** A SET LOCAL lock_timeout ran in the current changeset: it holds until the changeset's transaction ends. */
    private boolean localTimeout;

    /**
     * Whether a statement can fail on lock_timeout, and so is worth a savepoint (two round trips):
     * only while a lock_timeout is in force (the session's, or a SET LOCAL earlier in the changeset)
     * or for a NOWAIT; never Liquibase's own history row, which also ends the changeset, nor a SET.
     * Without a lock_timeout a statement waits for its lock instead of failing, so a fresh database
     * or a changelog written by hand pays no savepoints.
     */
    private boolean mayWaitForALock(SqlStatement sql, Connection c) throws DatabaseException {
        if (sql instanceof MarkChangeSetRanStatement) {
            localTimeout = false;
            return false;
        }
        String raw = sql instanceof RawParameterizedSqlStatement p ? p.getSql() : sql instanceof RawSqlStatement r ? r.getSql() : null;
        if (raw != null) {
            String head = raw.stripLeading();
            if (head.regionMatches(true, 0, "SET ", 0, 4) || head.regionMatches(true, 0, "RESET ", 0, 6)) {
                if (head.toLowerCase(java.util.Locale.ROOT).contains("lock_timeout")) {
                    if (head.regionMatches(true, 0, "SET LOCAL ", 0, 10)) {
                        localTimeout = true;
                    } else {
                        sessionTimeout = null; // the session's own value changed: read it again when next needed
                    }
                }
                return false;
            }
            if (head.toUpperCase(java.util.Locale.ROOT).contains("NOWAIT")) {
                return true;
            }
        }
        return localTimeout || sessionTimeout(c);
    }

    private boolean sessionTimeout(Connection c) throws DatabaseException {
        if (sessionTimeout == null) {
            try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout') NOT IN ('0', '0ms')")) {
                rs.next();
                sessionTimeout = rs.getBoolean(1);
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }
        return sessionTimeout;
    }

    private Connection connection() {
        return database != null && database.getConnection() instanceof JdbcConnection jdbc ? jdbc.getUnderlyingConnection() : null;
    }

    private static boolean lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A savepoint inside a transaction; none in autocommit (a non-transactional changeset retries the statement as it is). */
    private static Savepoint savepoint(Connection c) throws DatabaseException {
        try {
            return c.getAutoCommit() ? null : c.setSavepoint();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static void release(Connection c, Savepoint s) throws DatabaseException {
        try {
            if (s != null) {
                c.releaseSavepoint(s);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static void rollbackTo(Connection c, Savepoint s) throws DatabaseException {
        try {
            if (s != null) {
                c.rollback(s);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private String text(SqlStatement sql) {
        try {
            StringBuilder out = new StringBuilder();
            for (liquibase.sql.Sql s : liquibase.sqlgenerator.SqlGeneratorFactory.getInstance().generateSql(sql, database)) {
                out.append(s.toSql()).append('\n');
            }
            return out.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    static Set<String> tables(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = TABLES.matcher(sql);
        while (m.find()) {
            String name = m.group(1);
            name = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
            out.add(name);
        }
        return out;
    }

    private static String describeTables(String sql) {
        Set<String> t = tables(sql);
        return t.isEmpty() ? "a table" : "table " + String.join(", ", t);
    }

    /** Who holds locks on the statement's tables: pid, application, state, for how long, what it ran last. */
    static String holders(Connection c, String sql) {
        Set<String> tables = tables(sql);
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT a.pid, coalesce(nullif(a.application_name, ''), '?'), "
                + "coalesce(a.state, '?'), extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::bigint, "
                + "left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 100), cl.relname "
                + "FROM pg_locks l JOIN pg_class cl ON cl.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.granted AND l.pid <> pg_backend_pid() AND cl.relname = ANY (?) ORDER BY 4 DESC")) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + " for " + rs.getLong(4) + " s, on "
                            + rs.getString(6) + ": " + rs.getString(5) + ")");
                }
            }
        } catch (SQLException e) {
            return "the holder could not be read: " + e.getMessage();
        }
        return out.isEmpty() ? "no session holds a lock on it any more" : "held by " + String.join("; ", out);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
