package budgetron.db.rehearse;

import budgetron.db.config.DbUrl;
import budgetron.db.schema.Catalog;
import budgetron.db.support.Cli;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** budgetron-db rehearse against a production database: what it finds on the copy, and that the database itself is left as it was. */
class RehearseTest {
    @RegisterExtension
    final MigratedProject project = MigratedProject.migrated();

    @BeforeEach
    void data() throws Exception {
        project.addChangeset("0010_nickname.sql", "--liquibase formatted sql\n\n--changeset ops:0010_nickname\n"
                + "ALTER TABLE users ADD COLUMN nickname text;\n--rollback ALTER TABLE users DROP COLUMN nickname;\n");
        assertEquals(0, project.run("migrate").exitCode);
        TestDatabase.execute(project.db(),
                "INSERT INTO users (name, email, nickname) SELECT 'u' || g, 'u' || g || '@x.org', CASE WHEN g > 50 THEN 'n' || g END FROM generate_series(1, 80) g",
                "INSERT INTO bank_accounts (name, type, user_id, currency) SELECT 'Main', 'SAVINGS', id, 'INR' FROM users",
                "INSERT INTO transactions (type, date, amount, currency, description, user_id, bank_account_id) "
                        + "SELECT 'EXPENSE', date '2025-01-01' + g % 300, g, 'INR', 'tx', b.user_id, b.id FROM bank_accounts b, generate_series(1, 20) g");
    }

    /** Schema, history and rows of the real database, to compare before and after. */
    private String state() throws Exception {
        DbUrl db = project.db();
        String schema;
        try (Connection c = TestDatabase.connect(db)) {
            schema = budgetron.db.schema.SchemaDump.of(Catalog.readAll(c));
        }
        return schema + "\n" + TestDatabase.queryOne(db, "SELECT string_agg(id || ':' || md5sum, ',' ORDER BY orderexecuted) FROM databasechangelog")
                + "\n" + TestDatabase.queryOne(db, "SELECT md5(string_agg(u::text, ',' ORDER BY u.email)) FROM users u")
                + "\n" + TestDatabase.count(db, "SELECT count(*) FROM transactions")
                + "\n" + TestDatabase.count(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'budgetron_backup'");
    }

    @Test
    void aChangesetThatTheDataBreaksIsCaughtOnTheCopyAndProductionIsUntouched() throws Exception {
        // the textbook steps, hand-written without a data check: step 2 meets the 50 NULLs
        project.addChangeset("0011_nickname-not-null.sql", "--liquibase formatted sql\n\n"
                + "--changeset ops:0011-1\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT users_nickname_not_null CHECK (nickname IS NOT NULL) NOT VALID;\n"
                + "--rollback ALTER TABLE users DROP CONSTRAINT users_nickname_not_null;\n\n"
                + "--changeset ops:0011-2\nALTER TABLE users VALIDATE CONSTRAINT users_nickname_not_null;\n--rollback SELECT 1;\n\n"
                + "--changeset ops:0011-3\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN nickname SET NOT NULL;\n"
                + "ALTER TABLE users DROP CONSTRAINT users_nickname_not_null;\n--rollback ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;\n");
        String before = state();
        Cli r = project.run("rehearse");
        System.out.println("[RehearseTest] the report of a failing rehearsal:\n" + r.out);
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("0011-1  ok in"), r.out);
        assertTrue(r.out.contains("0011-2  FAILED in"), r.out);
        assertTrue(r.out.contains("why: check constraint \"users_nickname_not_null\" of relation \"users\" is violated by some row"), r.out);
        assertTrue(r.out.matches("(?s).*50 rows of public.users break it, for example id=[0-9a-f-]{36}.*"), r.out);
        assertTrue(r.out.contains("Rehearsal FAILED"), r.out);
        assertEquals(before, state(), "schema, history and rows of the database as they were");
        assertEquals(0, TestDatabase.count(project.db().withDatabase("postgres"), "SELECT count(*) FROM pg_database WHERE datname LIKE 'budgetron\\_scratch\\_%' "
                + "AND datname LIKE '%" + ProcessHandle.current().pid() + "%'"), "the copy is dropped");
    }

    @Test
    void aCleanRehearsalMeasuresLocksRewritesAndRowsAndLeavesTheChangesetPending() throws Exception {
        project.addChangeset("0011_changes.sql", "--liquibase formatted sql\n\n"
                + "--changeset ops:0011-amount\nSET LOCAL lock_timeout = '5s';\nALTER TABLE transactions ALTER COLUMN amount TYPE numeric(20, 4);\n"
                + "--rollback ALTER TABLE transactions ALTER COLUMN amount TYPE numeric;\n\n"
                + "--changeset ops:0011-cluster\nCLUSTER sessions USING sessions_pkey;\n--rollback SELECT 1;\n\n"
                + "--changeset ops:0011-cleanup\nDELETE FROM transactions WHERE amount > 15;\n--rollback SELECT 1;\n");
        String before = state();
        Cli r = project.run("rehearse", "--json");
        assertEquals(0, r.exitCode, r.toString());
        JsonNode report = new ObjectMapper().readTree(r.out);
        assertTrue(report.get("ok").asBoolean());
        assertEquals(3, report.get("pending").asInt());
        JsonNode amount = report.get("changesets").get(0);
        assertEquals("0011-amount", amount.get("id").asText());
        assertTrue(amount.get("locks").toString().contains("{\"mode\":\"ACCESS EXCLUSIVE\",\"table\":\"public.transactions\""), amount.toString());
        assertEquals("[\"public.transactions\"]", amount.get("rewrote").toString(), "numeric to numeric(20,4) rewrites");
        assertTrue(report.get("lintDisagreements").toString().contains("0011-cluster: rewrote public.sessions, which the lint did not predict"),
                report.get("lintDisagreements").toString());
        JsonNode cleanup = report.get("changesets").get(2);
        assertEquals("{\"table\":\"public.transactions\",\"before\":1600,\"after\":1200}", cleanup.get("rows").get(0).toString(), cleanup.toString());
        assertTrue(report.get("backups").toString().contains("Backed up 400 deleted rows of transactions"), report.toString());
        assertTrue(report.get("rollback").get("schemaDifferences").isEmpty(), report.get("rollback").toString());
        assertEquals("[]", report.get("rollback").get("rowDifferences").toString(), "the backed-up rows came back with the rollback");
        assertTrue(report.get("reapplied").get("ran").asBoolean());
        assertEquals(before, state(), "nothing written to the database");
        assertTrue(project.run("status").out.contains("3 pending"), "still pending on the real database");
    }

    @Test
    void aSampleKeepsForeignKeysSatisfied() throws Exception {
        project.addChangeset("0011_index.sql", "--liquibase formatted sql\n\n--changeset ops:0011 runInTransaction:false\n"
                + "CREATE INDEX CONCURRENTLY transactions_date_idx ON transactions (date);\n--rollback DROP INDEX CONCURRENTLY transactions_date_idx;\n");
        Cli r = project.run("rehearse", "--sample", "7");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("(a sample: at most 7 a table)"), r.out);
        assertTrue(r.out.contains("0011  ok in"), r.out);
        assertFalse(r.out.contains("FAILED"), r.out);
        JsonNode json = new ObjectMapper().readTree(project.run("rehearse", "--sample", "7", "--json").out);
        assertTrue(json.get("copy").get("rows").asLong() <= 7 * 13 + 20, json.get("copy").toString());
    }
}
