package budgetron.db.backup;

import budgetron.db.support.Cli;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a production migrate destroys is copied first, and the changeset's rollback puts it back. */
class BackupTest {
    @RegisterExtension
    final MigratedProject project = MigratedProject.migrated();

    @BeforeEach
    void someUsers() throws Exception {
        TestDatabase.execute(project.db(), "INSERT INTO users (name, email, image) SELECT 'user ' || g, 'u' || g || '@example.org', "
                + "CASE WHEN g % 2 = 0 THEN 'img-' || g END FROM generate_series(1, 50) g");
    }

    private static String sum(String what) {
        return "SELECT md5(string_agg(" + what + ", ',' ORDER BY email)) FROM users";
    }

    @Test
    void aHandWrittenDropColumnIsCopiedAndItsRollbackPutsTheValuesBack() throws Exception {
        String before = TestDatabase.queryOne(project.db(), sum("coalesce(image, '-')"));
        project.addChangeset("0010_drop-image.sql", "--liquibase formatted sql\n\n--changeset ops:0010_drop-image\n"
                + "ALTER TABLE users DROP COLUMN image;\n--rollback ALTER TABLE users ADD COLUMN image text;\n");
        Cli migrate = project.run("migrate");
        assertEquals(0, migrate.exitCode, migrate.toString());
        assertTrue(migrate.err.contains("Backed up 50 values of users.image before 0010_drop-image"), migrate.toString());
        assertEquals(1, TestDatabase.count(project.db(), "SELECT count(*) FROM budgetron_backup.backups WHERE changeset_id = '0010_drop-image' "
                + "AND kind = 'column' AND row_count = 50"));

        Cli list = project.run("backups");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.out.contains("0010_drop-image  column users.image  50 rows"), list.out);

        Cli rollback = project.run("rollback", "--count", "1", "--yes");
        assertEquals(0, rollback.exitCode, rollback.toString());
        assertTrue(rollback.err.contains("restored 50 values of users.image"), rollback.toString());
        assertEquals(before, TestDatabase.queryOne(project.db(), sum("coalesce(image, '-')")), "every value back, NULLs included");
        assertTrue(project.run("backups").out.contains("restored"), "marked as used");
        assertEquals(0, project.run("migrate").exitCode, "applies again");
    }

    @Test
    void deletedRowsAreCopiedAndBackupOffSaysTheyMayGo() throws Exception {
        project.addChangeset("0010_delete.sql", "--liquibase formatted sql\n\n--changeset ops:0010_delete\n"
                + "DELETE FROM users WHERE name LIKE 'user 1%';\n--rollback SELECT 1;\n");
        Cli migrate = project.run("migrate");
        assertEquals(0, migrate.exitCode, migrate.toString());
        assertTrue(migrate.err.contains("Backed up 11 deleted rows of users"), migrate.toString());
        assertEquals(39, TestDatabase.count(project.db(), "SELECT count(*) FROM users"));
        assertEquals(0, project.run("rollback", "--count", "1", "--yes").exitCode);
        assertEquals(50, TestDatabase.count(project.db(), "SELECT count(*) FROM users"), "the deleted rows are back");

        project.addChangeset("0011_truncate.sql", "--liquibase formatted sql\n\n--changeset ops:0011_truncate\n"
                + "-- backup:off the sessions are disposable\nTRUNCATE sessions;\n--rollback SELECT 1;\n");
        Cli again = project.run("migrate");
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(2, TestDatabase.count(project.db(), "SELECT count(*) FROM budgetron_backup.backups WHERE changeset_id = '0010_delete'"),
                "the delete, applied again, copied again");
        assertEquals(0, TestDatabase.count(project.db(), "SELECT count(*) FROM budgetron_backup.backups WHERE changeset_id = '0011_truncate'"),
                "-- backup:off: no copy");
    }

    @Test
    void aRollbackThatDropsWhatItsChangesetAddedCopiesItFirst() throws Exception {
        project.addChangeset("0010_nickname.sql", "--liquibase formatted sql\n\n--changeset ops:0010_nickname\n"
                + "ALTER TABLE users ADD COLUMN nickname text;\n--rollback ALTER TABLE users DROP COLUMN nickname;\n");
        assertEquals(0, project.run("migrate").exitCode);
        TestDatabase.execute(project.db(), "UPDATE users SET nickname = 'nick ' || name");
        Cli rollback = project.run("rollback", "--count", "1", "--yes");
        assertEquals(0, rollback.exitCode, rollback.toString());
        assertTrue(rollback.err.contains("Backed up 50 values of users.nickname before rolling back 0010_nickname"), rollback.toString());
        assertEquals(50, TestDatabase.count(project.db(), "SELECT count(*) FROM budgetron_backup.b1_users_nickname WHERE nickname LIKE 'nick %'"));
    }
}
