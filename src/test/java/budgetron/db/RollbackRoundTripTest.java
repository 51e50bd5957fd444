package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every changeset's rollback works: all applied, rolled back one at a time to nothing, applied again, same schema. */
class RollbackRoundTripTest {
    private static String dump(DbUrl url) throws Exception {
        try (Connection c = TestDatabase.connect(url)) {
            return SchemaDump.of(c);
        }
    }

    @Test
    void applyRollBackEveryChangesetApplyAgain() throws Exception {
        DbUrl db = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString()).exitCode);
        String applied = dump(db);
        for (int left = 10; left > 0; left--) {
            Cli r = Cli.run("rollback", "--count", "1", "--env", "development", "--db-url", db.toString());
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.out.contains("Rolled back 1 changesets"), r.toString());
        }
        try (Connection c = TestDatabase.connect(db)) {
            Catalog empty = Catalog.read(c);
            assertEquals(0, empty.tables().size(), "no table left but Liquibase's own: " + empty.tables().keySet());
            assertEquals(0, empty.enums().size(), "no type left: " + empty.enums().keySet());
        }
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString()).exitCode);
        assertEquals(applied, dump(db));
    }
}
