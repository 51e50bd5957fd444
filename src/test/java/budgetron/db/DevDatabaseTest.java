package budgetron.db;

import budgetron.db.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** In development with no DB_URL anywhere, the embedded database is used, and its data persists between runs. */
class DevDatabaseTest {
    @Test
    void migrateThenStatusUseThePersistentEmbeddedDatabase(@TempDir Path project) throws Exception {
        assumeTrue(System.getenv("DB_URL") == null, "DB_URL is set in this environment");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(project.resolve("liquibase.development.properties"), "dev-db-port=" + port + "\n");
        Cli r = Cli.run("migrate", "--env", "development", "--project-dir", project.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.err.contains("embedded development database"), r.toString());
        assertTrue(r.err.contains("postgres://postgres@localhost:" + port + "/budgetron"), r.toString());
        assertTrue(r.out.contains("Applied 10 changesets"), r.toString());
        assertTrue(Files.isDirectory(project.resolve(".budgetron/dev-db")), "data lives in the project");

        // a new process-like run: the server was stopped, the data stayed
        r = Cli.run("status", "--env", "development", "--project-dir", project.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Up to date: 10 changesets applied"), r.toString());

        // production never falls back to an embedded database
        r = Cli.run("status", "--project-dir", project.toString());
        assertEquals(1, r.exitCode, r.toString());
    }
}
