package budgetron.db.cli.launcher;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The build's class-data-sharing training (make-launcher.sh) falls back quietly when a training
 * command fails, and the launcher would then start slower without anyone noticing: every command
 * of both trainings must succeed against an empty database.
 */
class TrainingTest {
    @Test
    void theCoreTrainingRunsEachCommandSuccessfully() throws Exception {
        DbUrl db = TestDatabase.fresh();
        assertEquals(0, Training.run("core", db.toString()), "failed training commands (named on stderr)");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"), "the fresh migrate applied the changelog");
    }

    @Test
    void theEntitiesTrainingRunsEachCommandSuccessfully() throws Exception {
        DbUrl db = TestDatabase.fresh();
        assertEquals(0, Training.run("entities", db.toString()), "failed training commands (named on stderr)");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
    }
}
