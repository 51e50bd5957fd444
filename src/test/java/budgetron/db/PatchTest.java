package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** patch re-syncs a ruined history, but only over a schema that is what the changelog builds. */
class PatchTest {
    /** A migrated database whose history lost its last four rows and kept a stale checksum, as after a push. */
    private static DbUrl ruinedHistory() throws Exception {
        DbUrl url = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", url.toString()).exitCode);
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM databasechangelog WHERE id >= '0006'");
            s.execute("UPDATE databasechangelog SET md5sum = '9:0000' WHERE id = '0003_use-single-display-name'");
            s.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) "
                    + "VALUES ('pushed', 'dev', 'changelog/pushed.sql', now(), 99, 'EXECUTED')");
        }
        return url;
    }

    @Test
    void patchesTheHistoryWhenTheSchemaMatches() throws Exception {
        DbUrl url = ruinedHistory();
        Cli r = Cli.run("patch", "--yes", "--db-url", url.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Removed from the history (not in the changelog): changelog/pushed.sql::pushed::dev"), r.toString());
        assertEquals(10, TestDatabase.count(url, "SELECT count(*) FROM databasechangelog"));
        assertEquals(10, TestDatabase.count(url, "SELECT count(*) FROM databasechangelog WHERE md5sum LIKE '9:%' AND md5sum <> '9:0000'"));
        Cli status = Cli.run("status", "--db-url", url.toString());
        assertTrue(status.out.contains("Up to date: 10 changesets applied"), status.toString());
        assertEquals(126, TestDatabase.count(url, "SELECT count(*) FROM categories"), "patch runs nothing");
    }

    @Test
    void refusesWhenTheSchemaDiffersUnlessForced() throws Exception {
        DbUrl url = ruinedHistory();
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN nickname text");
        }
        Cli r = Cli.run("patch", "--env", "development", "--db-url", url.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("Refusing to patch: the live schema differs from what the changelog builds (- changelog, + live): "
                + "+ public.users.nickname text."), r.toString());
        assertEquals(7, TestDatabase.count(url, "SELECT count(*) FROM databasechangelog"), "nothing changed");

        r = Cli.run("patch", "--env", "development", "--force", "--db-url", url.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(10, TestDatabase.count(url, "SELECT count(*) FROM databasechangelog"));
    }
}
