package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.Cli;
import budgetron.db.support.Reference;
import budgetron.db.support.SqlScript;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Existing Budgetron deployments: a database at each of Drizzle's ten states, holding user data,
 * is taken over by `migrate` without losing a row, and a database that is not one of those states
 * is refused untouched.
 */
class AdoptionTest {
    private static DbUrl restore(int state) throws SQLException {
        DbUrl url = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(url)) {
            SqlScript.run(c, Reference.read(String.format("drizzle-states/after-%04d.sql", state)));
        }
        return url;
    }

    /** Users, sign-in accounts, settings, a group, a bank account and a transaction, written as that state's schema wants. */
    private static void addUserData(Connection c, int state) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (state < 3) {
                s.execute("INSERT INTO users (id, first_name, last_name, full_name, email) VALUES "
                        + "('00000000-0000-0000-0000-000000000001', 'Ada', 'Lovelace', 'Ada Lovelace', 'ada@example.com')");
            } else {
                s.execute("INSERT INTO users (id, name, email) VALUES ('00000000-0000-0000-0000-000000000001', 'Ada Lovelace', 'ada@example.com')");
            }
            s.execute("INSERT INTO accounts (account_id, provider_id, user_id, password) VALUES "
                    + "('ada', 'credential', '00000000-0000-0000-0000-000000000001', 'hash')");
            s.execute("INSERT INTO user_settings (user_id, currency) VALUES ('00000000-0000-0000-0000-000000000001', 'INR')");
            s.execute("INSERT INTO groups (id, name, currency, owner_id) VALUES "
                    + "('00000000-0000-0000-0000-000000000002', 'Home', 'INR', '00000000-0000-0000-0000-000000000001')");
            s.execute("INSERT INTO groups_users (group_id, user_id) VALUES "
                    + "('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001')");
            s.execute("INSERT INTO bank_accounts (id, name, type, balance, user_id) VALUES "
                    + "('00000000-0000-0000-0000-000000000003', 'Savings', 'SAVINGS', 1500.25, '00000000-0000-0000-0000-000000000001')");
            String category = state >= 1 ? "(SELECT id FROM categories WHERE name = 'Groceries' LIMIT 1)" : "NULL";
            s.execute("INSERT INTO transactions (date, amount, currency, description, tags, bank_account_id, group_id, user_id, category_id) VALUES "
                    + "('2025-07-01', 42.10, 'INR', 'Market', '{food,weekly}', '00000000-0000-0000-0000-000000000003', "
                    + "'00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', " + category + ")");
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @ParameterizedTest(name = "after-{0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void migrateAdoptsEveryDrizzleStateWithoutLosingData(int state) throws Exception {
        DbUrl url = restore(state);
        try (Connection c = TestDatabase.connect(url)) {
            addUserData(c, state);
        }
        Cli r = Cli.run("migrate", "--db-url", url.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains((state + 1) + " of 10 Drizzle migrations applied"), r.toString());

        try (Connection c = TestDatabase.connect(url)) {
            assertEquals(SchemaDump.normalizePgDump(Reference.read("budgetron-schema.sql")), SchemaDump.of(c));
            assertEquals("Ada Lovelace", one(c, "SELECT name FROM users"), "full_name became name");
            assertEquals("SAVINGS", one(c, "SELECT type::text FROM bank_accounts"));
            assertEquals("1500.25", one(c, "SELECT balance::text FROM bank_accounts"));
            assertEquals("INR", one(c, "SELECT currency FROM user_settings"), "enum values kept as text");
            assertEquals("INR", one(c, "SELECT currency FROM groups"));
            assertEquals("INR|42.10|{food,weekly}", one(c, "SELECT currency || '|' || amount || '|' || tags::text FROM transactions"));
            assertEquals("1", one(c, "SELECT count(*) FROM accounts"));
            assertEquals("1", one(c, "SELECT count(*) FROM groups_users"));
            assertEquals("126", one(c, "SELECT count(*) FROM categories"), "seeds not inserted twice");
            assertEquals("1", one(c, "SELECT count(*) FROM feature_flags"));
            if (state >= 1) {
                assertEquals("Groceries", one(c, "SELECT c.name FROM transactions t JOIN categories c ON c.id = t.category_id"));
            }
            assertEquals("10", one(c, "SELECT count(*) FROM databasechangelog"));
            assertEquals(String.valueOf(state + 1), one(c, "SELECT count(*) FROM __drizzle_migrations"), "Drizzle's table left as it was");
            assertEquals(String.valueOf(state + 1), one(c, "SELECT count(*) FROM databasechangelog WHERE exectype = 'MARK_RAN' "
                    + "AND id <= '" + String.format("%04d", state) + "_~'"), "Drizzle's migrations recorded, not run");
            assertEquals(String.valueOf(9 - state), one(c, "SELECT count(*) FROM databasechangelog WHERE exectype = 'EXECUTED' "
                    + "AND id > '" + String.format("%04d", state) + "_~'"), "the rest were run");
        }
        Cli again = Cli.run("migrate", "--db-url", url.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("up to date"), again.toString());
    }

    private static void assertRefusedUntouched(DbUrl url, String expected) throws SQLException {
        String before;
        try (Connection c = TestDatabase.connect(url)) {
            before = SchemaDump.of(c);
        }
        Cli r = Cli.run("migrate", "--db-url", url.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains(expected), r.toString());
        assertTrue(r.err.contains("nothing was changed"), r.toString());
        assertFalse(r.all().contains("\tat "), r.toString());
        try (Connection c = TestDatabase.connect(url)) {
            assertEquals(before, SchemaDump.of(c));
            assertEquals("0", one(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'databasechangelog'"));
        }
    }

    @Test
    void unknownHashIsRefused() throws Exception {
        DbUrl url = restore(4);
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("UPDATE __drizzle_migrations SET hash = 'deadbeef' WHERE id = 3");
        }
        assertRefusedUntouched(url, "records an unknown migration (hash deadbeef)");
    }

    @Test
    void gapIsRefused() throws Exception {
        DbUrl url = restore(5);
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM __drizzle_migrations WHERE id = 3");
        }
        assertRefusedUntouched(url, "a migration is missing (gap) or out of order");
    }

    @Test
    void schemaThatIsNotTheRecordedStateIsRefused() throws Exception {
        DbUrl url = restore(6);
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN nickname text");
        }
        assertRefusedUntouched(url, "the schema is not the state after 0006_fix-user-settings-table");
    }

    @Test
    void adoptDryRunPrintsThePlanAndRecordsNothing() throws Exception {
        DbUrl url = restore(2);
        Cli r = Cli.run("adopt", "--dry-run", "--db-url", url.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("0002_seed-feature-flags-allow-signup"), r.toString());
        assertTrue(r.out.contains("Dry run"), r.toString());
        try (Connection c = TestDatabase.connect(url)) {
            assertEquals("0", one(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'databasechangelog'"));
        }
        r = Cli.run("adopt", "--db-url", url.toString());
        assertEquals(0, r.exitCode, r.toString());
        Cli status = Cli.run("status", "--db-url", url.toString());
        assertTrue(status.out.contains("7 pending (3 applied)"), status.toString());
    }
}
