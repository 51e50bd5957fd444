package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.support.ProjectCopy;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Liquibase Maven goals as a developer runs them, in a copy of this project: DB_URL from .env
 * (production) or .env.development (-Pdev), in Budgetron's postgres:// form, password never printed.
 */
class MavenGoalsTest {
    @TempDir
    static Path project;
    private static DbUrl prod;
    private static DbUrl dev;

    @BeforeAll
    static void copyProject() throws Exception {
        copyProjectInto(project);
        prod = TestDatabase.fresh();
        dev = TestDatabase.fresh();
        Files.writeString(project.resolve(".env"), "DB_URL=" + budgetronForm(prod) + "\n");
        Files.writeString(project.resolve(".env.development"), "# development\nDB_URL=\"" + budgetronForm(dev) + "\"\n");
    }

    static void copyProjectInto(Path dir) throws Exception {
        Path here = Path.of("").toAbsolutePath();
        for (String f : List.of("pom.xml", "liquibase.properties", "liquibase.development.properties")) {
            Files.copy(here.resolve(f), dir.resolve(f));
        }
        ProjectCopy.copyTree(here.resolve("changelog"), dir.resolve("changelog"));
        ProjectCopy.copyTree(here.resolve(".mvn"), dir.resolve(".mvn"));
        // the goals need EnvDriver compiled; the test phase has it in target/classes
        ProjectCopy.copyTree(here.resolve("target/classes"), dir.resolve("target/classes"));
    }

    /** postgres://user:password@host:port/db?sslmode=disable, as Budgetron's .env has it (trust auth ignores the password). */
    private static String budgetronForm(DbUrl url) {
        return "postgres://" + url.user() + ":s3cret-pw@" + url.host() + ":" + url.port() + "/" + url.database() + "?sslmode=disable";
    }

    private static String mvn(Map<String, String> env, String... args) throws Exception {
        return mvnIn(project, 0, env, args);
    }

    private static String mvnIn(Path dir, int expectedExit, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("DB_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.waitFor(), "mvn " + String.join(" ", args) + " in " + dir + ":\n" + out);
        return out;
    }

    private static int appliedChangesets(DbUrl url) throws Exception {
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'databasechangelog'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
        }
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void devProfileUsesEnvDevelopmentAndDefaultUsesEnv() throws Exception {
        String devOut = mvn(Map.of(), "-Pdev", "liquibase:update");
        assertEquals(10, appliedChangesets(dev), "mvn -Pdev liquibase:update migrates .env.development's database");
        assertEquals(0, appliedChangesets(prod), "...and leaves .env's alone");
        assertFalse(devOut.contains("s3cret-pw"), devOut);

        String status = mvn(Map.of(), "liquibase:status");
        assertTrue(status.contains("10 changesets have not been applied"), status);
        assertFalse(status.contains("s3cret-pw"), status);
        // the SQL a DBA reviews before the release (the plugin writes it to target/liquibase/migrate.sql)
        mvn(Map.of(), "liquibase:updateSQL");
        String sql = Files.readString(project.resolve("target/liquibase/migrate.sql"));
        assertTrue(sql.contains("CREATE TABLE \"users\""), sql);
        assertTrue(sql.contains("0009_add-currency-rates-table"), sql);
        assertFalse(sql.contains("s3cret-pw"));
        assertEquals(0, appliedChangesets(prod), "updateSQL changes nothing");
        mvn(Map.of(), "liquibase:update");
        assertEquals(10, appliedChangesets(prod));
        assertEquals("0", TestDatabase.queryOne(prod, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'databasechangeloglock'"),
                "the Maven goals take the advisory lock too");

        // the environment wins over .env
        DbUrl third = TestDatabase.fresh();
        mvn(Map.of("DB_URL", "jdbc:postgresql://" + third.host() + ":" + third.port() + "/" + third.database()
                + "?user=" + third.user() + "&password=s3cret-pw"), "liquibase:update");
        assertEquals(10, appliedChangesets(third));

        // mvn liquibase:diff: nothing on an up-to-date database, one new file for a real difference
        String diff = mvn(Map.of(), "liquibase:diff");
        assertTrue(diff.contains("No changes: the entities match"), diff);
        try (java.util.stream.Stream<Path> files = Files.list(project.resolve("changelog"))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("0010_")), "nothing written");
        }
        try (Connection c = TestDatabase.connect(prod); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users DROP COLUMN image");
        }
        diff = mvn(Map.of(), "liquibase:diff", "-Ddiff.name=restore-image");
        assertTrue(Files.readString(project.resolve("changelog/0010_restore-image.sql")).contains("ADD COLUMN \"image\" text"), diff);
        assertTrue(Files.readString(project.resolve("changelog/db.changelog-master.xml")).contains("0010_restore-image.sql"));
    }

    /** The same rule as `budgetron-db rollback`: production needs an explicit confirmation, development does not. */
    @Test
    void rollbackInProductionNeedsConfirmation(@TempDir Path dir) throws Exception {
        copyProjectInto(dir);
        DbUrl production = TestDatabase.migrated();
        Map<String, String> env = Map.of("DB_URL", budgetronForm(production));
        String refused = mvnIn(dir, 1, env, "liquibase:rollback", "-Dliquibase.rollbackCount=1");
        assertTrue(refused.contains("mvn liquibase:rollback in production needs confirmation"), refused);
        assertTrue(refused.contains("-Dbudgetron.yes=true"), refused);
        assertEquals(10, appliedChangesets(production), "nothing undone");
        assertEquals("1", TestDatabase.queryOne(production, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'currency_rates'"));

        TestDatabase.execute(production, "INSERT INTO currency_rates (source_currency, target_currency, date, rate, source) "
                + "SELECT 'USD', 'INR', date '2025-01-01' + g, 83 + g, 'test' FROM generate_series(1, 3) g");
        String rolledBack = mvnIn(dir, 0, env, "liquibase:rollback", "-Dliquibase.rollbackCount=1", "-Dbudgetron.yes=true");
        assertTrue(rolledBack.contains("[budgetron] Backed up 3 rows of currency_rates before rolling back"), "the Maven goals back up too: " + rolledBack);
        assertEquals(3, TestDatabase.count(production, "SELECT row_count FROM budgetron_backup.backups"));
        assertEquals(9, appliedChangesets(production));
        assertEquals("0", TestDatabase.queryOne(production, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'currency_rates'"));

        DbUrl development = TestDatabase.migrated();
        mvnIn(dir, 0, Map.of("DB_URL", budgetronForm(development)), "-Pdev", "liquibase:rollback", "-Dliquibase.rollbackCount=1");
        assertEquals(9, appliedChangesets(development), "development rolls back without confirmation");
    }

    /** A fresh checkout with nothing configured: -Pdev uses the CLI's embedded development database; production refuses. */
    @Test
    void devProfileWithoutAnyDbUrlUsesTheEmbeddedDevelopmentDatabase(@TempDir Path bare) throws Exception {
        copyProjectInto(bare);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(bare.resolve("liquibase.development.properties"), "dev-db-port=" + port + "\n", java.nio.file.StandardOpenOption.APPEND);
        String update = mvnIn(bare, 0, Map.of(), "-Pdev", "liquibase:update");
        assertTrue(update.contains("using the embedded development database postgres://postgres@localhost:" + port + "/budgetron"), update);
        assertTrue(Files.isDirectory(bare.resolve(".budgetron/dev-db")), "the CLI's data folder");
        String diff = mvnIn(bare, 0, Map.of(), "-Pdev", "liquibase:diff");
        assertTrue(diff.contains("No changes: the entities match postgres://postgres@localhost:" + port + "/budgetron"), diff);
        // the CLI sees the same database, now migrated
        budgetron.db.support.Cli status = budgetron.db.support.Cli.run("status", "--env", "development", "--project-dir", bare.toString());
        assertTrue(status.out.contains("Up to date: 10 changesets applied"), status.toString());

        String production = mvnIn(bare, 1, Map.of(), "liquibase:status");
        assertTrue(production.contains("No database given for production"), production);
        assertTrue(production.contains("production never uses the embedded database"), production);
        assertFalse(production.contains("--db-url"), "a CLI option means nothing to Maven: " + production);
    }
}
