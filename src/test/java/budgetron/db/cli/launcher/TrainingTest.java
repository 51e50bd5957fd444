package budgetron.db.cli.launcher;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The build's class-data-sharing training (make-launcher.sh) falls back quietly when a training
 * command fails, and the launcher would then start slower without anyone noticing: every command
 * of every training must succeed against an empty database.
 */
class TrainingTest {
    @Test
    void theCoreTrainingRunsEachCommandSuccessfully() throws Exception {
        DbUrl db = TestDatabase.fresh();
        assertEquals(0, Training.run("core", db.toString()), "failed training commands (named on stderr)");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"), "the fresh migrate applied the changelog");
    }

    @Test
    void theMigrateTrainingRunsEachCommandSuccessfully() throws Exception {
        DbUrl db = TestDatabase.fresh();
        assertEquals(0, Training.run("migrate", db.toString()), "failed training commands (named on stderr)");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
    }

    @Test
    void theEntitiesTrainingRunsEachCommandSuccessfully() throws Exception {
        DbUrl db = TestDatabase.fresh();
        assertEquals(0, Training.run("entities", db.toString()), "failed training commands (named on stderr)");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
    }

    /** A training command that fails says why (make-launcher.sh shows these lines in the build), not only that it failed. */
    @Test
    void aFailingCommandIsNamedWithItsReason() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        System.setErr(new java.io.PrintStream(captured, true));
        int failed;
        try {
            failed = Training.run("core", "postgres://postgres@127.0.0.1:9/nowhere");
        } finally {
            System.setErr(before);
        }
        assertEquals(8, failed, "every command failed");
        String log = captured.toString();
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("[budgetron] training: migrate exited with 1: Error: Cannot reach PostgreSQL at 127.0.0.1:9"), log);
    }
}
