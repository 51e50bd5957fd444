package budgetron.db;

import budgetron.db.devdb.DevDatabase;
import budgetron.db.cli.launcher.FileTrees;
import budgetron.db.support.Cli;
import budgetron.db.support.ProjectCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In development without DB_URL, every command that reads or changes a database works on the
 * embedded development database while `dev-db` serves it (Rules: one decision for all). Before,
 * history, validate, update-sql, tag, rollback, lint --pending and adopt refused it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDevDatabaseTest {
    private static Path project;
    private static DevDatabase dev;
    private static int port;

    @BeforeAll
    static void devDbRunning() throws Exception {
        assumeTrue(System.getenv("DB_URL") == null, "DB_URL is set in this environment");
        project = Files.createTempDirectory("budgetron-devdb-");
        ProjectCopy.into(project);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(project.resolve("liquibase.development.properties"), "dev-db-port=" + port + "\n");
        dev = DevDatabase.ensureRunning(project, port); // what `budgetron-db dev-db` keeps running
    }

    @AfterAll
    static void stop() throws Exception {
        if (dev != null) {
            dev.close();
        }
        if (project != null) {
            FileTrees.delete(project);
        }
    }

    private static Cli dev(String... args) {
        Cli r = Cli.run(Stream.concat(Arrays.stream(args), Stream.of("--env", "development", "--project-dir", project.toString()))
                .toArray(String[]::new));
        assertTrue(r.err.contains("Database: postgres://postgres@localhost:" + port + "/budgetron (embedded development database"),
                String.join(" ", args) + " uses the embedded database:\n" + r);
        return r;
    }

    private static void ok(Cli r, String expected) {
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains(expected), "expected '" + expected + "' in:\n" + r);
    }

    @Test
    @Order(1)
    void migrateStatusHistoryValidate() {
        ok(dev("migrate"), "Applied 10 changesets");
        ok(dev("status"), "Up to date: 10 changesets applied");
        ok(dev("history"), "0009_add-currency-rates-table");
        ok(dev("validate"), "Valid");
        ok(dev("status", "--json"), "\"upToDate\" : true");
    }

    @Test
    @Order(2)
    void tagRollbackUpdateSql() {
        ok(dev("tag", "before-rollback"), "Tagged the current state as 'before-rollback'");
        ok(dev("rollback", "--count", "1"), "Rolled back 1 changesets"); // development: no --yes needed
        ok(dev("update-sql"), "CREATE TABLE \"currency_rates\"");
        ok(dev("migrate"), "Applied 1 changeset");
    }

    @Test
    @Order(3)
    void lintReviewDriftGeneratePushPatch() throws Exception {
        ok(dev("lint", "--pending"), "Linted 0 changesets pending on the database");
        Path review = project.resolve("review");
        ok(dev("review", "--pending", "--out", review.toString()), "Wrote ");
        assertTrue(Files.isRegularFile(review.resolve("review.html")));
        ok(dev("drift"), "No drift");
        ok(dev("generate"), "No changes");
        ok(dev("push"), "No changes");
        ok(dev("patch"), "History patched");
    }

    @Test
    @Order(4)
    void adoptReachesTheDatabaseAndSaysThereIsNothingToAdopt() {
        Cli r = dev("adopt", "--dry-run");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("has no __drizzle_migrations table"), r.toString());
    }
}
