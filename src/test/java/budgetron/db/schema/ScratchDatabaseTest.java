package budgetron.db.schema;

import budgetron.db.config.DbUrl;
import budgetron.db.config.ProcessOwner;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A killed drift or adoption leaves its scratch database; the next command that makes one drops it, and only it. */
class ScratchDatabaseTest {
    @Test
    void aScratchDatabaseWhoseProcessIsGoneIsDroppedByTheNextCommand() throws Exception {
        DbUrl db = TestDatabase.migrated();
        DbUrl admin = db.withDatabase("postgres");
        String gone = ScratchDatabase.PREFIX + "999999999_abc_0a1b2c";
        String running = ScratchDatabase.PREFIX + ProcessOwner.tag() + "_0a1b2c";
        String elsewhere = ScratchDatabase.PREFIX + "999999998_abc_0a1b2c";
        for (String name : new String[]{gone, running, elsewhere}) {
            TestDatabase.execute(admin, "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
        }
        String host = ProcessOwner.host();
        TestDatabase.execute(admin,
                "COMMENT ON DATABASE " + gone + " IS 'budgetron-db scratch database of process 999999999 on " + host + ", dropped when it ends'",
                "COMMENT ON DATABASE " + running + " IS 'budgetron-db scratch database of process " + ProcessOwner.pid() + " on " + host
                        + ", dropped when it ends'",
                "COMMENT ON DATABASE " + elsewhere + " IS 'budgetron-db scratch database of process 999999998 on another-host, dropped when it ends'");
        try {
            Cli drift = Cli.run("drift", "--db-url", db.toString());
            assertEquals(0, drift.exitCode, drift.toString());
            assertEquals(0, count(admin, gone), "its process is gone: dropped");
            assertEquals(1, count(admin, running), "its process runs: kept");
            assertEquals(1, count(admin, elsewhere), "another host's: this host cannot tell, kept");
            assertEquals(0, TestDatabase.count(admin, "SELECT count(*) FROM pg_database WHERE datname LIKE 'budgetron\\_scratch\\_%' "
                    + "AND datname NOT IN ('" + running + "', '" + elsewhere + "')"), "drift dropped its own too");
        } finally {
            TestDatabase.execute(admin, "DROP DATABASE IF EXISTS " + running, "DROP DATABASE IF EXISTS " + elsewhere, "DROP DATABASE IF EXISTS " + gone);
        }
    }

    private static long count(DbUrl admin, String name) throws Exception {
        return TestDatabase.count(admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'");
    }
}
