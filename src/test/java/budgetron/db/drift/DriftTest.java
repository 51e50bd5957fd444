package budgetron.db.drift;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Cli;
import budgetron.db.support.ProjectCopy;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
        applySuggestions(url, doc);
        Cli after = Cli.run("drift", "--db-url", url.toString());
        assertEquals(0, after.exitCode, "the suggested SQL undoes the drift: " + after);
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Ada'"), "rows survive");
    }

    /** A changeset made a view, a function and a trigger; then someone edited the view, dropped the trigger, added a function. */
    @Test
    void viewsFunctionsAndTriggersEditedByHandAreNamedAndRestored(@TempDir Path project) throws Exception {
        ProjectCopy.into(project);
        Files.writeString(project.resolve("changelog/0010_audit.sql"), "--liquibase formatted sql\n\n"
                + "--changeset test:0010_audit splitStatements:false\n"
                + "CREATE VIEW user_names AS SELECT id, name FROM users;\n"
                + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n"
                + "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n"
                + "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY own_row ON users FOR SELECT TO PUBLIC USING (email = current_user);\n"
                + "--rollback DROP POLICY own_row ON users; ALTER TABLE users DISABLE ROW LEVEL SECURITY; "
                + "DROP TRIGGER users_touch ON users; DROP FUNCTION touch(); DROP VIEW user_names;\n");
        Path master = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"0010_audit.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        DbUrl url = TestDatabase.fresh();
        String[] args = {"--db-url", url.toString(), "--project-dir", project.toString()};
        assertEquals(0, Cli.run(prepend("migrate", args)).exitCode);
        Cli clean = Cli.run(prepend("drift", args));
        assertEquals(0, clean.exitCode, "the view, function and trigger as the history made them: " + clean);

        TestDatabase.execute(url, "CREATE OR REPLACE VIEW user_names AS SELECT id, name FROM users WHERE role = 'ADMIN'",
                "DROP TRIGGER users_touch ON users",
                "CREATE FUNCTION hand_made(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a + 1'",
                "DROP POLICY own_row ON users", "CREATE POLICY own_row ON users FOR SELECT TO PUBLIC USING (true)",
                "ALTER TABLE users DISABLE ROW LEVEL SECURITY",
                "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.org')");
        Cli drift = Cli.run(prepend("drift", args));
        assertEquals(1, drift.exitCode, drift.toString());
        // PostgreSQL 15 prints "WHERE (users.role = ...)", 17 "WHERE role = ..."
        assertTrue(drift.out.contains("~ view public.user_names: defined differently (history: (ends), database: \"WHERE "), drift.toString());
        assertTrue(drift.out.contains("'ADMIN'::user_role_enum"), drift.toString());
        assertTrue(drift.out.contains("  CREATE OR REPLACE VIEW public.user_names AS\n  SELECT "), "each line of a view's body indented: " + drift);
        assertTrue(drift.out.contains("- trigger users_touch on public.users"), drift.toString());
        assertTrue(drift.out.contains("+ function public.hand_made(a integer)"), drift.toString());
        assertTrue(drift.out.contains("~ policy own_row on public.users: defined differently"), drift.toString());
        assertTrue(drift.out.contains("- row level security public.users"), drift.toString());
        assertTrue(drift.out.contains("-- drop function public.hand_made(a integer) (not in the history)"), drift.toString());
        assertTrue(drift.out.contains("CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()"), drift.toString());

        JsonNode doc = new ObjectMapper().readTree(Cli.run(prepend("drift", args, "--json")).out);
        applySuggestions(url, doc);
        Cli after = Cli.run(prepend("drift", args));
        assertEquals(0, after.exitCode, "the suggested SQL restores them: " + after);
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_proc WHERE proname = 'hand_made'"));
        TestDatabase.execute(url, "UPDATE users SET updated_at = '2000-01-01' WHERE name = 'Ada'");
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM users WHERE updated_at < '2001-01-01'"), "the trigger works again");
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM user_names"), "the view shows every user again");
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM pg_class WHERE relname = 'users' AND relrowsecurity"));
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM pg_policy WHERE polname = 'own_row' AND pg_get_expr(polqual, polrelid) ILIKE '%current_user%'"));
    }

    /** Runs every statement of drift --json's suggestions, in order, as someone following them would. */
    private static void applySuggestions(DbUrl url, JsonNode doc) throws Exception {
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            for (JsonNode suggestion : doc.get("suggestions")) {
                for (JsonNode sql : suggestion.get("sql")) {
                    s.execute(sql.asText());
                }
            }
        }
    }

    private static String[] prepend(String command, String[] args, String... more) {
        String[] out = new String[args.length + 1 + more.length];
        out[0] = command;
        System.arraycopy(args, 0, out, 1, args.length);
        System.arraycopy(more, 0, out, 1 + args.length, more.length);
        return out;
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
