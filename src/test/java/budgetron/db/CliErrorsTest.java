package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Cli;
import budgetron.db.support.ProjectCopy;
import budgetron.db.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every mistake a user can make gets one short message saying what is wrong and what to do, a
 * non-zero exit, no stack trace, and never the password.
 */
class CliErrorsTest {
    private static final String PASSWORD = "Sup3r-secret";

    @TempDir
    static Path emptyProject;

    private static DbUrl migrated;

    @BeforeAll
    static void migrateOne() {
        migrated = TestDatabase.fresh();
        Cli r = Cli.run("migrate", "--db-url", withPassword(migrated));
        assertEquals(0, r.exitCode, r.toString());
    }

    /** The test URL in Budgetron's form with a password added (the test servers trust, so it is ignored). */
    static String withPassword(DbUrl url) {
        return "postgres://" + url.user() + ":" + PASSWORD + "@" + url.host() + ":" + url.port() + "/" + url.database();
    }

    private static void assertCleanFailure(Cli r, int code, String expectedText) {
        assertEquals(code, r.exitCode, r.toString());
        assertTrue(r.err.contains(expectedText), "expected '" + expectedText + "' in:\n" + r);
        assertFalse(r.all().contains("\tat "), "no stack trace:\n" + r);
        assertFalse(r.all().contains(PASSWORD), "no password:\n" + r);
    }

    @Test
    void noDbUrlAnywhere() {
        assumeTrue(System.getenv("DB_URL") == null, "DB_URL is set in this environment");
        Cli r = Cli.run("status", "--project-dir", emptyProject.toString());
        assertCleanFailure(r, 1, "No database given for production: set DB_URL");
    }

    @Test
    void malformedDbUrl() {
        assertCleanFailure(Cli.run("status", "--db-url", "postgres://user:" + PASSWORD + "@:5432/db"), 1, "is malformed");
        assertCleanFailure(Cli.run("status", "--db-url", "mysql://user:" + PASSWORD + "@localhost/db"), 1, "is not a PostgreSQL URL");
        assertCleanFailure(Cli.run("status", "--db-url", "postgres://user:" + PASSWORD + "@localhost:5432"), 1, "must name one database");
    }

    @Test
    void unknownHost() {
        assertCleanFailure(Cli.run("migrate", "--db-url", "postgres://u:" + PASSWORD + "@no-such-host.invalid:5432/db"), 1,
                "Unknown database host 'no-such-host.invalid'");
    }

    @Test
    void connectionRefusedFailsFastOrWaits() {
        long start = System.nanoTime();
        Cli r = Cli.run("migrate", "--db-url", "postgres://u:" + PASSWORD + "@127.0.0.1:1/db");
        assertCleanFailure(r, 1, "Cannot reach PostgreSQL at 127.0.0.1:1");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "fails fast without --wait-seconds");

        start = System.nanoTime();
        r = Cli.run("migrate", "--wait-seconds", "2", "--db-url", "postgres://u:" + PASSWORD + "@127.0.0.1:1/db");
        assertCleanFailure(r, 1, "after waiting 2 s");
        assertTrue(System.nanoTime() - start >= 2_000_000_000L, "waited");
    }

    @Test
    void wrongPassword() throws Exception {
        // a server of its own that asks for passwords (the shared test server trusts everyone)
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER USER postgres PASSWORD 'right-one'");
                String hba;
                try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                    rs.next();
                    hba = rs.getString(1);
                }
                Files.writeString(Path.of(hba), "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"
                        + "local all all trust\n");
                s.execute("SELECT pg_reload_conf()");
            }
            Cli r = Cli.run("status", "--db-url", "postgres://postgres:" + PASSWORD + "@127.0.0.1:" + pg.getPort() + "/postgres");
            assertCleanFailure(r, 1, "refused the password of user 'postgres'");
        }
    }

    @Test
    void missingDatabase() {
        DbUrl server = TestDatabase.server();
        String url = "postgres://" + server.user() + ":" + PASSWORD + "@" + server.host() + ":" + server.port() + "/no_such_db";
        assertCleanFailure(Cli.run("migrate", "--db-url", url), 1, "Database 'no_such_db' does not exist");
    }

    @Test
    void editedChangesetIsNamed(@TempDir Path project) throws Exception {
        ProjectCopy.into(project);
        Path file = project.resolve("changelog/0006_fix-user-settings-table.sql");
        Files.writeString(file, Files.readString(file).replace("UNIQUE(\"user_id\")", "UNIQUE(\"user_id\", \"currency\")"));
        Cli r = Cli.run("migrate", "--project-dir", project.toString(), "--db-url", withPassword(migrated));
        assertCleanFailure(r, 1, "changeset 0006_fix-user-settings-table in changelog/0006_fix-user-settings-table.sql was edited");
        assertTrue(r.err.contains("put the change in a new changeset instead"), r.toString());
    }

    @Test
    void newerReleaseHistoryIsRefused() throws Exception {
        DbUrl url = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", withPassword(url)).exitCode);
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum) "
                    + "VALUES ('0010_future', 'budgetron', 'changelog/0010_future.sql', now(), 11, 'EXECUTED', '9:abc')");
        }
        assertCleanFailure(Cli.run("migrate", "--db-url", withPassword(url)), 1, "a newer release has migrated it");
    }

    @Test
    void patchInProductionNeedsYes() {
        Cli r = Cli.run("patch", "--db-url", withPassword(migrated));
        assertCleanFailure(r, 1, "needs confirmation: once you have reviewed it, run it again with --yes (budgetron-db) or -Dbudgetron.yes=true");
    }

    @Test
    void rollbackInProductionNeedsYes() {
        assertCleanFailure(Cli.run("rollback", "--count", "1", "--db-url", withPassword(migrated)), 1, "needs confirmation");
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        Cli r = Cli.run("migrat");
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.err.contains("Unmatched argument"), r.toString());
        r = Cli.run("migrate", "--colour");
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.err.contains("Unknown option: '--colour'"), r.toString());
        r = Cli.run("rollback", "--db-url", withPassword(migrated));
        assertEquals(2, r.exitCode, "rollback needs one of --count, --tag, --to-date\n" + r);
        assertFalse(r.all().contains(PASSWORD));
    }

    @Test
    void malformedChangelogIsNamed(@TempDir Path project) throws Exception {
        ProjectCopy.into(project);
        Path file = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(file, Files.readString(file).replace("</databaseChangeLog>", "<include file=\"0010_x.sql\"</databaseChangeLog>"));
        Cli r = Cli.run("status", "--project-dir", project.toString(), "--db-url", withPassword(migrated));
        assertCleanFailure(r, 1, "Cannot read the changelog");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Cli r = Cli.run("migrate", "--verbose", "--db-url", "postgres://u:" + PASSWORD + "@no-such-host.invalid:5432/db");
        assertEquals(1, r.exitCode);
        assertTrue(r.err.contains("\tat "), r.toString());
        assertFalse(r.all().contains(PASSWORD), r.toString());
    }

    @Test
    void anUnknownEnvironmentIsAUsageError() {
        assertCleanFailure(Cli.run("status", "--env", "staging", "--db-url", withPassword(migrated)), 2,
                "Unknown environment 'staging': use production or development. (from --env)");
    }

    @Test
    void aBadSslModeIsNamedNotTakenForADownServer() {
        Cli r = Cli.run("status", "--db-url", withPassword(migrated) + "?sslmode=bogus");
        assertCleanFailure(r, 1, "sslmode");
        assertFalse(r.err.contains("is the server running"), r.toString());
    }

    /** The changeset's SQL was fine: the session was terminated, or the user lacks a privilege. Neither is "fix the changeset". */
    @Test
    void aTerminatedBackendOrAMissingPrivilegeIsNotBlamedOnTheChangeset(@TempDir Path project) throws Exception {
        budgetron.db.support.ProjectCopy.into(project);
        DbUrl db = TestDatabase.migrated();
        Path master = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(project.resolve("changelog/0010_killed.sql"), "--liquibase formatted sql\n\n--changeset test:0010_killed\n"
                + "SELECT pg_terminate_backend(pg_backend_pid());\n--rollback SELECT 1;\n");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"0010_killed.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        Cli killed = Cli.run("migrate", "--project-dir", project.toString(), "--db-url", withPassword(db));
        assertCleanFailure(killed, 1, "The connection was lost or the server stopped it (57P01), not the changeset's fault: run migrate again.");
        assertFalse(killed.err.contains("Fix the changeset"), killed.toString());

        Files.writeString(project.resolve("changelog/0010_killed.sql"), "--liquibase formatted sql\n\n--changeset test:0010_killed\n"
                + "ALTER TABLE users ADD COLUMN nickname text;\n--rollback ALTER TABLE users DROP COLUMN nickname;\n");
        String role = "intern_" + ProcessHandle.current().pid();
        TestDatabase.execute(db, "CREATE ROLE " + role + " LOGIN", "GRANT USAGE ON SCHEMA public TO " + role,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON databasechangelog TO " + role);
        String asIntern = "postgres://" + role + ":" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + db.database();
        Cli notOwner = Cli.run("migrate", "--project-dir", project.toString(), "--db-url", asIntern);
        assertCleanFailure(notOwner, 1, "must be owner of table users");
        assertTrue(notOwner.err.contains("The database user lacks a privilege the changeset needs: run migrate as the owner of the tables"),
                notOwner.toString());
        assertFalse(notOwner.err.contains("Fix the changeset"), notOwner.toString());
    }

    /** A new database whose public schema the user may not create in (PostgreSQL 15's default for a user who does not own it). */
    @Test
    void aUserWhoMayNotCreateInTheSchemaIsToldWhatToGrant() throws Exception {
        DbUrl db = TestDatabase.fresh();
        String role = "newcomer_" + ProcessHandle.current().pid();
        TestDatabase.execute(db, "REVOKE CREATE ON SCHEMA public FROM PUBLIC", "CREATE ROLE " + role + " LOGIN");
        String asRole = "postgres://" + role + ":" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + db.database();
        Cli r = Cli.run("migrate", "--project-dir", emptyProject.toString(), "--db-url", asRole);
        assertCleanFailure(r, 1, "PostgreSQL refused: permission denied for schema public. The database user lacks a privilege this needs: "
                + "connect as the database's owner, or have the owner grant it (GRANT CREATE ON SCHEMA public TO the user).");
        assertEquals("0", TestDatabase.queryOne(db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"), "nothing made");
        TestDatabase.execute(db, "DROP ROLE " + role);
    }

    @Test
    void aFieldHibernateCannotMapNamesItsClassAndField(@TempDir Path project) throws Exception {
        budgetron.db.support.ProjectCopy.into(project);
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.unmappable\n");
        Cli r = Cli.run("generate", "--project-dir", project.toString(), "--db-url", withPassword(TestDatabase.migrated()));
        assertCleanFailure(r, 1, "(in budgetron.db.corpus.unmappable.Worker.thread)");
        assertTrue(r.err.contains("java.lang.Thread"), r.toString());
    }
}
