package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.Cli;
import budgetron.db.support.CliProcess;
import budgetron.db.support.Reference;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Containers start together and get killed: concurrent migrates apply each changeset once, and a
 * migrate killed with SIGKILL at any point leaves no lock and no half-applied changeset behind.
 */
class LockingTest {
    /** A data changeset that sleeps when the test asks it to (a marker table in schema killtest). */
    private static final String SLOW = "--liquibase formatted sql\n\n"
            + "--changeset test:0010_slow-insert\n"
            + "INSERT INTO feature_flags (name, description) VALUES ('slow', 'inserted once');\n"
            + "SELECT pg_sleep(CASE WHEN to_regclass('killtest.sleep_in_changeset') IS NULL THEN 0 ELSE 60 END);\n"
            + "--rollback DELETE FROM feature_flags WHERE name = 'slow';\n";

    @RegisterExtension
    final MigratedProject empty = MigratedProject.empty();
    private Path project;
    private DbUrl db;

    @BeforeEach
    void setUp() throws Exception {
        project = empty.dir();
        empty.addChangeset("0010_slow-insert.sql", SLOW);
        db = empty.db();
        TestDatabase.execute(db, "CREATE SCHEMA killtest");
    }

    private String[] migrateArgs() {
        return new String[] {"migrate", "--project-dir", project.toString(), "--db-url", db.toString()};
    }

    /** Waits until a budgetron-db session runs a statement matching the pattern, then kills the process with SIGKILL. */
    private void killWhen(Process p, String queryLike) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (TestDatabase.count(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'budgetron-db' AND query LIKE '" + queryLike + "'") == 0) {
            assertTrue(p.isAlive(), "migrate ended before reaching the kill point");
            assertTrue(System.nanoTime() < deadline, "kill point not reached");
            Thread.sleep(50);
        }
        p.destroyForcibly(); // SIGKILL on Unix
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    /** After a kill, a plain migrate finishes by itself within 60 s and leaves the exact result. */
    private void assertNextRunCompletes() throws Exception {
        long start = System.nanoTime();
        Cli r = Cli.run(migrateArgs());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60));
        try (Connection c = TestDatabase.connect(db)) {
            assertEquals(SchemaDump.normalizePgDump(Reference.read("budgetron-schema.sql")), SchemaDump.of(c));
        }
        assertEquals(11, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
        assertEquals(11, TestDatabase.count(db, "SELECT count(DISTINCT id) FROM databasechangelog"));
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM feature_flags WHERE name = 'slow'"), "the data changeset ran exactly once");
        assertEquals(126, TestDatabase.count(db, "SELECT count(*) FROM categories"));
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), "no lock left");
    }

    @Test
    void sixConcurrentMigratesApplyEachChangesetOnce(@TempDir Path logs) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            processes.add(CliProcess.start(logs.resolve("migrate-" + i + ".log").toFile(), migrateArgs()));
        }
        for (int i = 0; i < processes.size(); i++) {
            assertTrue(processes.get(i).waitFor(180, TimeUnit.SECONDS), "migrate " + i + " finished");
            assertEquals(0, processes.get(i).exitValue(), Files.readString(logs.resolve("migrate-" + i + ".log")));
        }
        assertEquals(11, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
        assertEquals(11, TestDatabase.count(db, "SELECT count(DISTINCT id) FROM databasechangelog"));
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM feature_flags WHERE name = 'slow'"));
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'databasechangeloglock'"),
                "Liquibase's lock table is not used");
        assertNextRunCompletes();
    }

    @Test
    void killedWhileWaitingForTheLock(@TempDir Path logs) throws Exception {
        try (Connection holder = TestDatabase.connect(db); Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + AdvisoryLock.KEY + ")");
            Process p = CliProcess.start(logs.resolve("m.log").toFile(), migrateArgs());
            killWhen(p, "SELECT pg_try_advisory_lock%");
        }
        assertNextRunCompletes();
    }

    @Test
    void killedInTheMiddleOfAChangeset(@TempDir Path logs) throws Exception {
        TestDatabase.execute(db, "CREATE TABLE killtest.sleep_in_changeset ()");
        Process p = CliProcess.start(logs.resolve("m.log").toFile(), migrateArgs());
        killWhen(p, "SELECT pg_sleep(CASE%");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"), "the first ten were applied");
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM feature_flags WHERE name = 'slow'"), "the killed changeset left nothing");
        TestDatabase.execute(db, "DROP TABLE killtest.sleep_in_changeset");
        assertNextRunCompletes();
    }

    @Test
    void killedWhileItsHistoryRowIsWritten(@TempDir Path logs) throws Exception {
        // a trigger that stalls the history insert of 0010: the kill lands after the changeset's statements ran
        TestDatabase.execute(db, "CREATE FUNCTION killtest.stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.id = '0010_slow-insert' THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$");
        assertEquals(0, Cli.run("migrate", "--project-dir", project.toString(), "--db-url", db.toString()).exitCode);
        TestDatabase.execute(db, "DELETE FROM feature_flags WHERE name = 'slow'", "DELETE FROM databasechangelog WHERE id = '0010_slow-insert'",
                "CREATE TRIGGER stall BEFORE INSERT ON databasechangelog FOR EACH ROW EXECUTE FUNCTION killtest.stall()");
        Process p = CliProcess.start(logs.resolve("m.log").toFile(), migrateArgs());
        killWhen(p, "INSERT INTO %databasechangelog%");
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM feature_flags WHERE name = 'slow'"),
                "the changeset's insert was rolled back with its unwritten history row");
        TestDatabase.execute(db, "DROP TRIGGER stall ON databasechangelog");
        assertNextRunCompletes();
    }

    @Test
    void aFailingChangesetLeavesNothingAndIsNamed() throws Exception {
        Files.writeString(project.resolve("changelog/0010_slow-insert.sql"), SLOW.replace("SELECT pg_sleep", "SELECT 1/0, pg_sleep"));
        Cli r = Cli.run(migrateArgs());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("Changeset 0010_slow-insert in changelog/0010_slow-insert.sql failed and was rolled back"), r.toString());
        assertTrue(r.err.contains("division by zero"), r.toString());
        assertFalse(r.all().contains("\tat "), r.toString());
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM feature_flags WHERE name = 'slow'"), "the insert before the error was rolled back");

        Files.writeString(project.resolve("changelog/0010_slow-insert.sql"), SLOW);
        assertNextRunCompletes();
    }
}
