package budgetron.db.liquibase;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A new, empty database's first migrate without starting Liquibase, which is most of its cost
 * (setup, parsing the changelog, per-changeset bookkeeping). What runs is what Liquibase would run:
 * the statements its own SQL generators produced for each changeset at build time (the index),
 * in changelog order, each changeset and its history row in one transaction, the history table
 * and its rows as Liquibase makes them (a test compares both ways, column by column).
 *
 * Taken only when the database holds nothing of its own yet (no table, type, function or schema
 * besides an empty public, the default schema), every changeset is plain SQL that Liquibase
 * runs unconditionally, and Liquibase's table names are its defaults (DefaultNames). Anything
 * else, and any failure, is Liquibase's: a failing changeset is rolled back and Liquibase carries
 * on from the history left (the changesets committed so far), runs it again and reports the
 * failure its own way.
 */
public final class FreshRun {
    /** Before a changeset runs: would anything its statement destroys need a backup (then Liquibase runs it, with its listener)? */
    @FunctionalInterface
    public interface BackupNeeded {
        boolean test(Connection c, String statement) throws SQLException;
    }

    /** @param complete every changeset ran; else Liquibase goes on after the last one applied */
    public record Outcome(List<ChangelogIndex.Entry> applied, boolean complete) {
    }

    static final String EMPTY = "SELECT current_schema() = 'public'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typnamespace = 'public'::regnamespace)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = 'public'::regnamespace)";

    /** Liquibase's CreateDatabaseChangeLogTableGenerator for PostgreSQL, column for column. */
    static final String HISTORY_TABLE = "CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, "
            + "FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL, ORDEREXECUTED INTEGER NOT NULL, "
            + "EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), "
            + "LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))";

    /** Liquibase's MarkChangeSetRanGenerator: NOW() for the date, no contexts or labels (a plain changeset has none). */
    static final String HISTORY_ROW = "INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, "
            + "DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES (?, ?, ?, NOW(), ?, ?, ?, ?, 'EXECUTED', "
            + "NULL, NULL, ?, ?)";

    private FreshRun() {
    }

    /** Null when this path does not apply (Liquibase runs everything, as before); else what ran. */
    public static Outcome apply(Connection c, ChangelogIndex index, BackupNeeded backupNeeded) throws SQLException {
        if (index == null || !index.allDirect() || !DefaultNames.inEffect() || !empty(c)) {
            return null;
        }
        String version = liquibaseVersion();
        if (version == null) {
            return null;
        }
        // Liquibase's deployment id: the last ten digits of the time in milliseconds, one for the run
        String millis = Long.toString(System.currentTimeMillis());
        String deployment = millis.substring(Math.max(0, millis.length() - 10));
        boolean autoCommit = c.getAutoCommit();
        List<ChangelogIndex.Entry> applied = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute(HISTORY_TABLE);
            }
            c.commit();
            int order = 1;
            for (ChangelogIndex.Entry e : index.changesets()) {
                try (Statement s = c.createStatement()) {
                    for (String sql : e.direct().statements()) {
                        if (backupNeeded != null && backupNeeded.test(c, sql)) {
                            c.rollback();
                            return new Outcome(applied, false);
                        }
                    }
                    for (String sql : e.direct().statements()) {
                        s.setEscapeProcessing(!sql.contains("?")); // as Liquibase's JdbcExecutor does
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(HISTORY_ROW)) {
                    ps.setString(1, e.id());
                    ps.setString(2, e.author());
                    ps.setString(3, e.file());
                    ps.setInt(4, order++);
                    ps.setString(5, e.checksum());
                    ps.setString(6, e.direct().description());
                    ps.setString(7, e.direct().comments());
                    ps.setString(8, version);
                    ps.setString(9, deployment);
                    ps.executeUpdate();
                }
                c.commit();
                applied.add(e);
            }
            return new Outcome(applied, true);
        } catch (SQLException e) {
            c.rollback(); // the failing changeset is undone; Liquibase runs it again and says why it fails
            return new Outcome(applied, false);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static boolean empty(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(EMPTY)) {
            return rs.next() && rs.getBoolean(1);
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    /** The version Liquibase writes into its history rows (LiquibaseUtil.getBuildVersion, read without starting Liquibase). */
    static String liquibaseVersion() {
        try (InputStream in = FreshRun.class.getClassLoader().getResourceAsStream("liquibase.build.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("build.version");
            return v == null ? null : v.replace("SNAPSHOT", "SNP");
        } catch (IOException e) {
            return null;
        }
    }
}
