package budgetron.db.drift;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** drift compares a database with what its own applied history builds. */
class DriftTest {
    @Test
    void handEditsAreNamedAndTheSuggestedSqlBringsTheDatabaseBack() throws Exception {
        DbUrl url = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", url.toString()).exitCode);
        Cli clean = Cli.run("drift", "--db-url", url.toString());
        assertEquals(0, clean.exitCode, clean.toString());
        assertTrue(clean.out.contains("No drift: the database matches what its 10 applied changesets build."), clean.toString());

        TestDatabase.execute(url,
                "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.org')",
                "ALTER TABLE users ADD COLUMN nickname text",
                "ALTER TABLE bank_accounts DROP CONSTRAINT \"bank_accounts_name_type_userId_unique\"",
                "CREATE INDEX users_name_idx ON users (name)",
                "ALTER TABLE bank_accounts ALTER COLUMN currency SET DEFAULT 'EUR'",
                "ALTER TYPE user_role_enum ADD VALUE 'auditor'");
        Cli drift = Cli.run("drift", "--db-url", url.toString());
        assertEquals(1, drift.exitCode, drift.toString());
        assertTrue(drift.out.contains("+ public.users.nickname text"), drift.toString());
        assertTrue(drift.out.contains("- ALTER TABLE ONLY public.bank_accounts ADD CONSTRAINT \"bank_accounts_name_type_userId_unique\" UNIQUE (name, type, user_id);"), drift.toString());
        assertTrue(drift.out.contains("+ CREATE INDEX users_name_idx ON public.users USING btree (name);"), drift.toString());
        assertTrue(drift.out.contains("+ public.bank_accounts.currency text DEFAULT 'EUR'::text NOT NULL"), drift.toString());
        assertTrue(drift.out.contains("'auditor'"), drift.toString());
        assertTrue(drift.out.contains("-- drop column users.nickname"), drift.toString());

        Cli json = Cli.run("drift", "--db-url", url.toString(), "--json");
        assertEquals(1, json.exitCode, json.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out);
        assertTrue(doc.get("drift").asBoolean());
        assertEquals(10, doc.get("applied").asInt());
        assertTrue(doc.get("differences").size() >= 5, json.out);
        assertFalse(doc.get("database").asText().isEmpty());
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            for (JsonNode suggestion : doc.get("suggestions")) {
                for (JsonNode sql : suggestion.get("sql")) {
                    s.execute(sql.asText());
                }
            }
        }
        Cli after = Cli.run("drift", "--db-url", url.toString());
        assertEquals(0, after.exitCode, "the suggested SQL undoes the drift: " + after);
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Ada'"), "rows survive");
    }

    @Test
    void aDatabaseWithPendingChangesetsIsComparedWithWhatItsHistoryBuilds() throws Exception {
        DbUrl url = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", url.toString()).exitCode);
        // as if only 0000-0008 had been applied: the table of 0009 is then drift, not history
        TestDatabase.execute(url, "DELETE FROM databasechangelog WHERE id = '0009_add-currency-rates-table'");
        Cli r = Cli.run("drift", "--db-url", url.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("what its 9 applied changesets build"), r.toString());
        assertTrue(r.out.contains("-- drop table currency_rates"), r.toString());
    }

    @Test
    void noDatabaseIsAUsageMistakeNotACrash() {
        Cli r = Cli.run("drift", "--db-url", "postgres//user:S3cretPw@localhost/db");
        assertEquals(1, r.exitCode, r.toString());
        assertFalse(r.all().contains("S3cretPw"), r.toString());
        assertFalse(r.all().contains("Exception"), r.toString());
    }
}
