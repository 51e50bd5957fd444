package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.config.ProcessOwner;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static budgetron.db.cli.studio.StudioFixture.get;
import static budgetron.db.cli.studio.StudioFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL console of a production studio opened with an administrator's URL (a superuser here):
 * what the server itself refuses to the studio's read-only role, whatever the statement says.
 */
class StudioConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DbUrl url;
    private static Studio studio;

    @BeforeAll
    static void start() throws Exception {
        url = StudioFixture.budgetronWithData();
        TestDatabase.execute(url, "CREATE EXTENSION dblink");
        studio = StudioFixture.start(url, true, "production");
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private static HttpResponse<String> console(String sql) throws Exception {
        return post(studio, "/api/sql", JSON.writeValueAsString(java.util.Map.of("sql", sql)), StudioServer.HEADER, studio.token());
    }

    private static void refused(String sql, String because) throws Exception {
        HttpResponse<String> r = console(sql);
        assertEquals(400, r.statusCode(), sql + " -> " + r.body());
        assertTrue(r.body().contains(because), sql + " -> " + r.body());
    }

    private static void unchanged() throws Exception {
        assertEquals(2, TestDatabase.count(url, "SELECT count(*) FROM users"));
        assertEquals(30, TestDatabase.count(url, "SELECT count(*) FROM transactions"));
    }

    @Test
    void theConsoleRunsAsARoleThatCanOnlyRead() throws Exception {
        JsonNode who = JSON.readTree(console("SELECT current_user AS who, session_user AS logged_in").body());
        String role = who.get("rows").get(0).get("who").asText();
        assertTrue(role.startsWith("budgetron_studio_" + ProcessOwner.pid() + "_"), role);
        assertEquals(role, who.get("rows").get(0).get("logged_in").asText(), "logged in as it, not switched to it");
        assertTrue(TestDatabase.queryOne(url, "SELECT rolsuper::text || rolcreaterole::text || rolcreatedb::text FROM pg_roles WHERE rolname = '"
                + role + "'").equals("falsefalsefalse"));
        for (String write : List.of("UPDATE users SET name = 'Eve'", "DELETE FROM transactions", "DROP TABLE transactions",
                "TRUNCATE transactions", "SET transaction_read_only = off; DELETE FROM transactions",
                "DO $$ BEGIN SET LOCAL transaction_read_only = off; DELETE FROM transactions; END $$")) {
            assertEquals(400, console(write).statusCode(), write);
        }
        refused("SET ROLE postgres", "permission denied");
        refused("SET SESSION AUTHORIZATION postgres", "permission denied");
        refused("SELECT rolpassword FROM pg_authid", "permission denied");
        refused("SELECT pg_read_file('/etc/hostname')", "permission denied");
        unchanged();
        JsonNode read = JSON.readTree(console("SELECT count(*) AS n FROM transactions").body());
        assertEquals(30, read.get("rows").get(0).get("n").asLong(), "reading is what it is for");
        assertTrue(JSON.readTree(get(studio, "/api/info", StudioServer.HEADER, studio.token()).body()).get("access").asText()
                .startsWith("read-only as " + role));
    }

    @Test
    void theHostsFilesAndProgramsAreOutOfReach() throws Exception {
        Path program = Files.createTempDirectory("studio-console").resolve("from-program");
        Path file = program.resolveSibling("from-copy");
        refused("COPY (SELECT 1) TO PROGRAM 'id > " + program + "'", "permission denied");
        refused("COPY (SELECT * FROM users) TO '" + file + "'", "permission denied");
        refused("SELECT lo_export(lo_from_bytea(0, 'x'), '" + file + "')", "");
        assertFalse(Files.exists(program), "no program ran on the database host");
        assertFalse(Files.exists(file), "no server file written");
    }

    @Test
    void anExtensionThatOpensItsOwnConnectionHasNoCredentialsToUse() throws Exception {
        String database = url.database();
        for (String target : List.of("dbname=" + database + " user=postgres host=" + url.host() + " port=" + url.port(),
                "dbname=" + database + " user=postgres", "dbname=" + database)) {
            HttpResponse<String> r = console("SELECT dblink_exec('" + target + "', 'DELETE FROM users')");
            assertEquals(400, r.statusCode(), target + " -> " + r.body());
            // "password is required" (PostgreSQL 15), "password or GSSAPI delegated credentials required" (16+): 2F003 either way
            assertTrue(r.body().contains("\"sqlState\":\"2F003\"") && r.body().contains("password"), r.body());
        }
        unchanged();
    }

    @Test
    void otherSessionsCannotBeSignalled() throws Exception {
        try (Connection other = TestDatabase.connect(url); Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            refused("SELECT pg_terminate_backend(" + pid + ")", "permission denied");
            refused("SELECT pg_cancel_backend(" + pid + ")", "permission denied");
            assertTrue(other.isValid(2), "the other session is still there");
        }
    }

    @Test
    void aStatementLeavesNothingInTheSessionAndMigrateIsNotBlocked() throws Exception {
        assertEquals(200, console("SELECT pg_advisory_lock(" + AdvisoryLock.KEY + ")").statusCode(), "migrate's own lock key");
        refused("CREATE TEMP TABLE studio_scratch (x int)", "read-only transaction");
        assertEquals(200, console("PREPARE studio_plan AS SELECT 1").statusCode());
        refused("EXECUTE studio_plan", "does not exist");
        assertEquals(200, console("LISTEN studio_channel").statusCode());
        assertEquals(200, console("SET work_mem = '1GB'").statusCode());
        JsonNode workMem = JSON.readTree(console("SHOW work_mem").body());
        assertFalse(workMem.get("rows").get(0).get("work_mem").asText().equals("1GB"), "a setting does not carry to the next statement");

        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), "no advisory lock left");
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'budgetron-db studio console'"),
                "no console session left");
        try (Connection c = TestDatabase.connect(url)) {
            assertTrue(AdvisoryLock.tryAcquire(c), "the migration lock is free");
        }
        Cli migrate = Cli.run("migrate", "--db-url", url.toString());
        assertEquals(0, migrate.exitCode, migrate.toString());
    }

    @Test
    void withoutARoleToReadAsTheGridIsServedAndTheConsoleIsOff() throws Exception {
        // a connecting user that may not create roles: the studio says so and never runs SQL as that user
        String plain = "budgetron_plain_" + ProcessOwner.pid();
        TestDatabase.execute(url, "DROP ROLE IF EXISTS " + plain, "CREATE ROLE " + plain + " LOGIN", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + plain);
        List<String> said = new java.util.ArrayList<>();
        try (Studio limited = Studio.start(url.withCredentials(plain, null), true, "production",
                budgetron.db.liquibase.Changelog.in(Path.of("")), "127.0.0.1", 0, said::add)) {
            assertTrue(String.join("\n", said).contains("the SQL console is off"), said.toString());
            JsonNode info = JSON.readTree(get(limited, "/api/info", StudioServer.HEADER, limited.token()).body());
            assertFalse(info.get("console").asBoolean(), info.toString());
            assertEquals(200, get(limited, "/api/tables/users/rows", StudioServer.HEADER, limited.token()).statusCode());
            HttpResponse<String> r = post(limited, "/api/sql", "{\"sql\":\"SELECT 1\"}", StudioServer.HEADER, limited.token());
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(r.body().contains("console is off"), r.body());
        } finally {
            TestDatabase.execute(url, "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + plain, "DROP ROLE " + plain);
        }
    }

    @Test
    void theRoleEndsWithTheStudioAndAKilledStudiosRoleIsDroppedByTheNext() throws Exception {
        // a role as a studio killed with SIGKILL leaves it: a pid that is gone, this host
        String abandoned = "budgetron_studio_999999999_abc_1";
        TestDatabase.execute(url, "DROP ROLE IF EXISTS " + abandoned, "CREATE ROLE " + abandoned + " LOGIN",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + abandoned,
                "COMMENT ON ROLE " + abandoned + " IS 'budgetron-db studio, read-only, of process 999999999 on " + ProcessOwner.host()
                        + ": dropped when it ends'");
        String role;
        try (Studio next = StudioFixture.start(url, true, "production")) {
            role = next.access().replaceFirst("^read-only as (\\S+) .*$", "$1");
            assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"));
            assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_roles WHERE rolname = '" + abandoned + "'"), "abandoned role dropped");
        }
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"), "dropped when the studio ends");
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'budgetron\\_studio\\_%' AND rolname = '"
                + studio.access().replaceFirst("^read-only as (\\S+) .*$", "$1") + "'"), "a running studio's role is left alone");
    }
}
