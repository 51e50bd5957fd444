package app;

import budgetron.db.entity.Category;
import budgetron.db.entity.Transaction;
import budgetron.db.entity.User;
import budgetron.db.schema.SchemaDump;
import budgetron.db.testing.BudgetronTestDatabase;
import budgetron.db.testing.PgDumpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application starts on every kind of database Budgetron meets, migrated by budgetron-db's
 * auto-configuration before JPA validates it: the schema is then the reference dump's, no row is
 * lost, budgetron-db's CLI says up to date, and the log has no ERROR and no SLF4J warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {
    private static final Path REFERENCE = Path.of(System.getProperty("budgetron.reference"));

    private static ConfigurableApplicationContext start(BudgetronTestDatabase db) {
        return new SpringApplicationBuilder(BudgetronApp.class).run("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + (db.password() == null ? "" : db.password()));
    }

    private static String one(BudgetronTestDatabase db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static Connection connect(BudgetronTestDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** The schema as Drizzle's last migration leaves it, read from the catalog the same way. */
    private static void assertReferenceSchema(BudgetronTestDatabase db) throws Exception {
        try (Connection c = connect(db)) {
            assertEquals(SchemaDump.normalizePgDump(Files.readString(REFERENCE.resolve("budgetron-schema.sql"))), SchemaDump.of(c));
        }
    }

    private static void assertCleanLog(CapturedOutput out) {
        assertFalse(out.getAll().contains(" ERROR "), "no ERROR in the application's log:\n" + out.getAll());
        assertFalse(out.getAll().contains("SLF4J"), "no SLF4J warning:\n" + out.getAll());
    }

    /** budgetron-db's own command, as an operator runs it, agrees: nothing pending. */
    private static void assertCliSaysUpToDate(BudgetronTestDatabase db) throws Exception {
        Process p = new ProcessBuilder("java", "-jar", System.getProperty("budgetron.cli.jar"), "status", "--db-url", db.url().toString()
                .replace("****", db.password() == null ? "" : db.password())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Up to date: 10 changesets applied, none pending."), out);
    }

    @Test
    void anEmptyDatabaseIsMigratedBeforeJpaStarts(CapturedOutput out) throws Exception {
        BudgetronTestDatabase db = BudgetronTestDatabase.empty();
        try (ConfigurableApplicationContext app = start(db)) {
            UserRepository users = app.getBean(UserRepository.class);
            User ada = new User();
            ada.setName("Ada Lovelace");
            ada.setEmail("ada@example.com");
            users.save(ada);
            Category groceries = app.getBean(CategoryRepository.class).findByName("Groceries").get(0);
            Transaction t = new Transaction();
            t.setDate(LocalDate.of(2025, 7, 1));
            t.setAmount(new BigDecimal("42.10"));
            t.setCurrency("INR");
            t.setDescription("Market");
            t.setCategory(groceries);
            t.setUser(ada);
            app.getBean(TransactionRepository.class).save(t);
            assertEquals(1, app.getBean(TransactionRepository.class).findByUser(users.findByEmail("ada@example.com").orElseThrow()).size());
            assertEquals(126, app.getBean(CategoryRepository.class).count(), "the seeds, once");
        }
        assertReferenceSchema(db);
        assertCleanLog(out);
        assertTrue(out.getAll().contains("budgetron-db: applied 10 changesets"), out.getAll());
        assertCliSaysUpToDate(db);
    }

    @ParameterizedTest(name = "after-000{0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void aDrizzleBuiltDatabaseIsAdoptedWithEveryRow(int state, CapturedOutput out) throws Exception {
        BudgetronTestDatabase db = BudgetronTestDatabase.fromDump(Files.readString(REFERENCE.resolve(String.format("drizzle-states/after-%04d.sql", state))));
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(state < 3
                    ? "INSERT INTO users (id, first_name, last_name, full_name, email) VALUES ('00000000-0000-0000-0000-000000000001', 'Ada', 'Lovelace', 'Ada Lovelace', 'ada@example.com')"
                    : "INSERT INTO users (id, name, email) VALUES ('00000000-0000-0000-0000-000000000001', 'Ada Lovelace', 'ada@example.com')");
        }
        try (ConfigurableApplicationContext app = start(db)) {
            assertEquals("Ada Lovelace", app.getBean(UserRepository.class).findByEmail("ada@example.com").orElseThrow().getName());
            assertEquals(126, app.getBean(CategoryRepository.class).count(), "seeds not inserted twice");
        }
        assertReferenceSchema(db);
        assertEquals(String.valueOf(state + 1), one(db, "SELECT count(*) FROM databasechangelog WHERE exectype = 'MARK_RAN'"),
                "what Drizzle applied is recorded, not run again");
        assertEquals(String.valueOf(state + 1), one(db, "SELECT count(*) FROM __drizzle_migrations"), "Drizzle's table left as it was");
        assertTrue(out.getAll().contains((state + 1) + " of 10 Drizzle migrations applied"), out.getAll());
        assertCleanLog(out);
        assertCliSaysUpToDate(db);
    }

    @Test
    void aDatabaseTheCliMigratedIsLeftAsItIs(CapturedOutput out) throws Exception {
        BudgetronTestDatabase db = BudgetronTestDatabase.empty();
        Process migrate = new ProcessBuilder("java", "-jar", System.getProperty("budgetron.cli.jar"), "migrate", "--db-url",
                db.url().toString().replace("****", db.password() == null ? "" : db.password())).redirectErrorStream(true).start();
        migrate.getInputStream().readAllBytes();
        assertEquals(0, migrate.waitFor());
        String history = one(db, "SELECT string_agg(id || md5sum || dateexecuted, ',' ORDER BY orderexecuted) FROM databasechangelog");
        try (ConfigurableApplicationContext app = start(db)) {
            assertEquals(0, app.getBean(UserRepository.class).count());
        }
        assertEquals(history, one(db, "SELECT string_agg(id || md5sum || dateexecuted, ',' ORDER BY orderexecuted) FROM databasechangelog"),
                "the start found it up to date and wrote nothing");
        assertTrue(out.getAll().contains("budgetron-db: the database is up to date"), out.getAll());
        assertReferenceSchema(db);
        assertCleanLog(out);
    }

    /** Migrated by someone else (a container's entrypoint) and budgetron.db.enabled=false: the entities still work, nothing is written. */
    @Test
    void withMigrationOffTheEntitiesStillWork(CapturedOutput out) throws Exception {
        BudgetronTestDatabase db = BudgetronTestDatabase.migrated();
        String history = one(db, "SELECT string_agg(id || dateexecuted, ',' ORDER BY orderexecuted) FROM databasechangelog");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BudgetronApp.class).run("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "--budgetron.db.enabled=false")) {
            assertEquals(126, app.getBean(CategoryRepository.class).count());
        }
        assertEquals(history, one(db, "SELECT string_agg(id || dateexecuted, ',' ORDER BY orderexecuted) FROM databasechangelog"));
        assertFalse(out.getAll().contains("budgetron-db:"), "no migration ran");
        assertCleanLog(out);
    }

    /** Two instances are two processes (as two replicas are): started together on one empty database. */
    @Test
    void twoInstancesStartingAtOnceMigrateOnce() throws Exception {
        BudgetronTestDatabase db = BudgetronTestDatabase.empty();
        List<Process> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            instances.add(new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), BudgetronApp.class.getName(),
                    "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + (db.password() == null ? "" : db.password())).redirectErrorStream(true).start());
        }
        List<String> logs = new ArrayList<>();
        for (Process p : instances) {
            logs.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), logs.get(logs.size() - 1));
        }
        for (String log : logs) {
            assertTrue(log.contains("Started BudgetronApp"), log);
            assertFalse(log.contains(" ERROR ") || log.contains("SLF4J"), log);
        }
        assertEquals(1, logs.stream().filter(l -> l.contains("budgetron-db: applied 10 changesets")).count(), "one instance migrated: " + logs);
        assertEquals(1, logs.stream().filter(l -> l.contains("budgetron-db: the database is up to date")).count(), "the other found it done");
        assertEquals("10", one(db, "SELECT count(*) FROM databasechangelog"));
        assertEquals("10", one(db, "SELECT count(DISTINCT id) FROM databasechangelog"), "each changeset once");
        assertReferenceSchema(db);
        assertCliSaysUpToDate(db);
    }

    /** budgetron-db is a plain library here: each of its classes, and of Liquibase, Hibernate and pgjdbc, comes from one jar. */
    @Test
    void theClassPathHoldsOneCopyOfEachClass() throws Exception {
        Map<String, List<String>> where = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (ZipFile jar = new ZipFile(entry)) {
                jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .forEach(n -> where.computeIfAbsent(n, k -> new ArrayList<>()).add(Path.of(entry).getFileName().toString()));
            }
        }
        List<String> twice = where.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .filter(e -> e.getKey().startsWith("budgetron/") || e.getValue().stream().anyMatch(j -> j.startsWith("budgetron-db")))
                .map(e -> e.getKey() + " in " + e.getValue()).toList();
        assertEquals(List.of(), twice);
        for (String probe : List.of("budgetron/db/api/BudgetronDb.class", "liquibase/Liquibase.class", "org/hibernate/SessionFactory.class",
                "org/postgresql/Driver.class")) {
            assertEquals(1, where.getOrDefault(probe, List.of()).size(), probe + " in " + where.get(probe));
        }
        assertTrue(where.keySet().stream().noneMatch(n -> n.startsWith("picocli/") || n.startsWith("budgetron/db/cli/")),
                "the command's classes are not in the application");
    }
}
