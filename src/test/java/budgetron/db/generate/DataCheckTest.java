package budgetron.db.generate;

import budgetron.db.support.Cli;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated changes that existing rows can make fail check those rows first, and stop before the first step. */
class DataCheckTest {
    @RegisterExtension
    final MigratedProject project = MigratedProject.migrated();

    @Test
    void setNotNullStopsBeforeItsFirstStepNamingTheRows() throws Exception {
        // the database lets users.name be NULL (an older release), and 50 rows use that; the entities say NOT NULL
        TestDatabase.execute(project.db(), "ALTER TABLE users ALTER COLUMN name DROP NOT NULL",
                "INSERT INTO users (name, email) SELECT CASE WHEN g <= 50 THEN NULL ELSE 'u' || g END, 'u' || g || '@x.org' FROM generate_series(1, 80) g");
        Cli generate = project.run("generate", "--name", "users name not null");
        assertEquals(0, generate.exitCode, generate.toString());
        String sql = Files.readString(project.dir().resolve("changelog/0010_users-name-not-null.sql"));
        assertTrue(sql.contains("--preconditions onFail:HALT onError:HALT\n--precondition-sql-check expectedResult:ok SELECT CASE WHEN count(*) = 0 "
                + "THEN 'ok' ELSE count(*) || ' rows of users hold NULL in name"), sql);
        long applied = TestDatabase.count(project.db(), "SELECT count(*) FROM databasechangelog");

        Cli migrate = project.run("migrate");
        assertEquals(1, migrate.exitCode, migrate.toString());
        assertTrue(migrate.err.contains("50 rows of users hold NULL in name, which NOT NULL refuses: backfill them"), migrate.toString());
        assertEquals(applied, TestDatabase.count(project.db(), "SELECT count(*) FROM databasechangelog"), "no step recorded");
        assertEquals(0, TestDatabase.count(project.db(), "SELECT count(*) FROM pg_constraint WHERE conname = 'users_name_not_null'"),
                "no step applied");

        TestDatabase.execute(project.db(), "UPDATE users SET name = 'unnamed' WHERE name IS NULL");
        Cli again = project.run("migrate");
        assertEquals(0, again.exitCode, again.toString());
        assertEquals("YES", TestDatabase.queryOne(project.db(), "SELECT CASE WHEN is_nullable = 'NO' THEN 'YES' END FROM information_schema.columns "
                + "WHERE table_name = 'users' AND column_name = 'name'"));
    }

    @Test
    void aNewUniqueAndAForeignKeyCheckDuplicatesAndOrphans() throws Exception {
        // as an older database might be: the unique email and the account's foreign key missing, and data that breaks both
        TestDatabase.execute(project.db(), "ALTER TABLE users DROP CONSTRAINT users_email_unique",
                "ALTER TABLE accounts DROP CONSTRAINT accounts_user_id_users_id_fk",
                "INSERT INTO users (name, email) VALUES ('a', 'same@x.org'), ('b', 'same@x.org'), ('c', 'other@x.org'), ('d', 'other@x.org')",
                "INSERT INTO accounts (account_id, provider_id, user_id) VALUES ('1', 'p', gen_random_uuid()), ('2', 'p', gen_random_uuid())");
        Cli generate = project.run("generate", "--name", "restore constraints");
        assertEquals(0, generate.exitCode, generate.toString());
        Cli migrate = project.run("migrate");
        assertEquals(1, migrate.exitCode, migrate.toString());
        String said = migrate.err;
        assertTrue(said.contains("2 values of users(email) occur more than once") || said.contains("2 rows of accounts point through user_id at"), said);
        TestDatabase.execute(project.db(), "DELETE FROM users WHERE name IN ('b', 'd')");
        migrate = project.run("migrate");
        assertEquals(1, migrate.exitCode, migrate.toString());
        assertTrue(migrate.err.contains("2 rows of accounts point through user_id at public.users rows that do not exist"), migrate.toString());
        TestDatabase.execute(project.db(), "DELETE FROM accounts");
        assertEquals(0, project.run("migrate").exitCode);
    }
}
