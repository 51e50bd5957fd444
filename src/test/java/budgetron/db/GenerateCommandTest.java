package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate and push on Budgetron's own entities, through the command line. */
class GenerateCommandTest {
    @RegisterExtension
    final MigratedProject migrated = MigratedProject.migrated();
    private Path project;
    private DbUrl db;

    @BeforeEach
    void migrated() {
        project = migrated.dir();
        db = migrated.db();
    }

    private Cli run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--project-dir", project.toString(), "--db-url", db.toString()))
                .toArray(String[]::new);
        return Cli.run(all);
    }

    private long changelogFiles() throws Exception {
        try (Stream<Path> files = Files.list(project.resolve("changelog"))) {
            return files.count();
        }
    }

    @Test
    void upToDateDatabaseWritesNothing() throws Exception {
        String master = Files.readString(project.resolve("changelog/db.changelog-master.xml"));
        Cli r = run("generate", "--name", "nothing");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("No changes"), r.toString());
        assertEquals(11, changelogFiles());
        assertEquals(master, Files.readString(project.resolve("changelog/db.changelog-master.xml")));
    }

    @Test
    void whatTheDiffDoesNotCompareIsNamedAndLeftAlone() throws Exception {
        TestDatabase.execute(db, "CREATE VIEW big_spenders AS SELECT user_id FROM transactions GROUP BY user_id",
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$",
                "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()");
        Cli r = run("generate");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Not compared, left as they are: view big_spenders, function touch(), trigger users_touch on users."), r.toString());
        assertTrue(r.out.contains("No changes"), "nothing dropped or re-created: " + r);
    }

    @Test
    void writesOneNumberedFileAndIncludesIt() throws Exception {
        TestDatabase.execute(db, "ALTER TABLE users DROP COLUMN image");
        TestDatabase.execute(db, "ALTER TABLE bank_accounts ALTER COLUMN currency DROP DEFAULT");
        Cli r = run("generate", "--name", "Restore image");
        assertEquals(0, r.exitCode, r.toString());
        Path file = project.resolve("changelog/0010_restore-image.sql");
        assertTrue(Files.exists(file), r.toString());
        String sql = Files.readString(file);
        assertTrue(sql.contains("--changeset budgetron:0010_restore-image-1"), sql);
        assertTrue(sql.contains("ALTER TABLE \"users\" ADD COLUMN \"image\" text;"), sql);
        assertTrue(sql.contains("ALTER TABLE \"bank_accounts\" ALTER COLUMN \"currency\" SET DEFAULT 'USD'::text;"), sql);
        assertTrue(Files.readString(project.resolve("changelog/db.changelog-master.xml"))
                .contains("<include file=\"0010_restore-image.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        assertEquals(0, run("migrate").exitCode);
        Cli again = run("generate");
        assertTrue(again.out.contains("No changes"), again.toString());
        assertEquals(12, changelogFiles());
    }

    @Test
    void refusesWhileChangesetsArePending() throws Exception {
        DbUrl empty = TestDatabase.fresh();
        Cli r = Cli.run("generate", "--project-dir", project.toString(), "--db-url", empty.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("10 changesets are not applied"), r.toString());
        assertEquals(11, changelogFiles());
    }

    @Test
    void pushIsRefusedInProduction() {
        Cli r = run("push");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("push is for development only"), r.toString());
    }

    @Test
    void pushAppliesWithoutAChangesetAndGuardsData() throws Exception {
        TestDatabase.execute(db, "ALTER TABLE users DROP COLUMN image");
        Cli r = run("push", "--env", "development");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("add column users.image"), r.toString());
        assertEquals(11, changelogFiles(), "push writes no changeset");
        assertTrue(run("generate").out.contains("No changes"));

        TestDatabase.execute(db, "ALTER TABLE users ADD COLUMN scratch_notes text");
        r = run("push", "--env", "development");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("push would lose data: drop column users.scratch_notes"), r.toString());
        r = run("push", "--env", "development", "--accept-data-loss");
        assertEquals(0, r.exitCode, r.toString());
        assertFalse(run("generate").out.contains("Wrote"));
    }

    @Test
    void pushRefusesATypeChangeThatChangesStoredValues() throws Exception {
        // the database's column holds times of day the entity's date would drop
        TestDatabase.execute(db, "ALTER TABLE transactions ALTER COLUMN date TYPE timestamp",
                "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.org')",
                "INSERT INTO bank_accounts (name, type, user_id, currency) SELECT 'Main', 'SAVINGS', id, 'INR' FROM users",
                "INSERT INTO transactions (type, date, amount, currency, description, user_id, bank_account_id) "
                        + "SELECT 'EXPENSE', timestamp '2025-03-01 13:45:59', 1, 'INR', 'lunch', u.id, b.id FROM users u, bank_accounts b");
        Cli r = run("push", "--env", "development");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("push would lose data: changing transactions.date from timestamp without time zone to date changes 1 of its values"),
                r.toString());
        assertEquals("2025-03-01 13:45:59", TestDatabase.queryOne(db, "SELECT date::text FROM transactions"), "nothing changed");

        TestDatabase.execute(db, "UPDATE transactions SET date = date_trunc('day', date)");
        r = run("push", "--env", "development");
        assertEquals(0, r.exitCode, "midnight survives the cast: no flag needed " + r);
        assertEquals("2025-03-01", TestDatabase.queryOne(db, "SELECT date::text FROM transactions"));
    }
}
