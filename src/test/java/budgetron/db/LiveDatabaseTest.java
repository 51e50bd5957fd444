package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.Cli;
import budgetron.db.support.CliProcess;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changing a database that serves traffic: migrate against a session that holds a lock on the table,
 * under a steady write load, and killed in the middle of a concurrent index build.
 */
class LiveDatabaseTest {
    @RegisterExtension
    final MigratedProject migrated = MigratedProject.migrated();
    private Path project;
    private DbUrl db;

    @BeforeEach
    void migrated() throws Exception {
        project = migrated.dir();
        db = migrated.db();
        migrated.write("liquibase.properties", "lock-timeout=1s\nlock-retries=5\nlock-retry-wait=500ms\n");
        TestDatabase.execute(db, "INSERT INTO users (name, email) SELECT 'user ' || g, 'u' || g || '@example.org' FROM generate_series(1, 2000) g");
    }

    /** The changesets `generate` writes for these changes to users (lock_timeout, NOT VALID, CONCURRENTLY), as files. */
    private void addChangelog(String file, String body) throws Exception {
        Files.writeString(project.resolve("changelog").resolve(file), "--liquibase formatted sql\n" + body);
        Path master = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"" + file + "\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
    }

    private static final String ADD_NICKNAME = "\n--changeset budgetron:0010_add-nickname\n"
            + "SET LOCAL lock_timeout = '1s';\nALTER TABLE \"users\" ADD COLUMN \"nickname\" text;\n"
            + "--rollback ALTER TABLE \"users\" DROP COLUMN \"nickname\";\n";

    private Process migrate(Path log) throws Exception {
        return CliProcess.builder(Map.of(), "migrate", "--db-url", db.toString(), "--project-dir", project.toString())
                .redirectOutput(log.toFile()).start();
    }

    private static Connection holder(DbUrl url, String application) throws Exception {
        Properties p = url.connectionProperties();
        p.setProperty("ApplicationName", application);
        Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl(), p);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM users").close(); // ACCESS SHARE on users until the transaction ends
        }
        return c;
    }

    /** Other sessions keep reading users while migrate waits; returns the longest a read took, in ms. */
    private static final class Reader extends Thread {
        final AtomicLong worstMillis = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        private final DbUrl url;

        Reader(DbUrl url) {
            this.url = url;
        }

        @Override
        public void run() {
            try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    s.executeQuery("SELECT count(*) FROM users").close();
                    worstMillis.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                    reads.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void migrateWaitsRetriesAndSucceedsOnceTheHolderCommits() throws Exception {
        addChangelog("0010_add-nickname.sql", ADD_NICKNAME);
        Path log = project.resolve("migrate.log");
        Reader reader = new Reader(db);
        try (Connection holder = holder(db, "report-job")) {
            reader.start();
            Process p = migrate(log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (TestDatabase.count(db, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE 'ALTER TABLE \"users\" ADD COLUMN%'") == 0) {
                assertTrue(System.nanoTime() < deadline, "migrate reached the lock");
                Thread.sleep(20);
            }
            Thread.sleep(2500); // at least two lock timeouts
            holder.commit();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("[budgetron] lock_timeout on table users (held by pid"), "retries said on the console:\n" + out);
            assertTrue(out.contains("report-job, idle in transaction"), out);
            assertTrue(out.contains("retry 1 of 5 in 0.5 s"), out);
            assertTrue(out.contains("Applied 1 changeset"), out);
        } finally {
            reader.stop.set(true);
            reader.join();
        }
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'"));
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog WHERE id = '0010_add-nickname'"));
        System.out.println("[LiveDatabaseTest] other sessions' worst read of users while migrate waited: " + reader.worstMillis.get()
                + " ms over " + reader.reads.get() + " reads (lock_timeout 1s)");
        assertTrue(reader.worstMillis.get() < 1500, "a waiting migrate blocks others at most about lock_timeout: " + reader.worstMillis.get() + " ms");
    }

    @Test
    void theMavenGoalRetriesTooAndNamesTheHolder(@TempDir Path mavenProject) throws Exception {
        MavenGoalsTest.copyProjectInto(mavenProject);
        Files.writeString(mavenProject.resolve("liquibase.properties"), "changeLogFile=changelog/db.changelog-master.xml\n");
        Files.writeString(mavenProject.resolve("changelog/0010_add-nickname.sql"), "--liquibase formatted sql\n" + ADD_NICKNAME);
        Path master = mavenProject.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"0010_add-nickname.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        try (Connection holder = holder(db, "nightly-export")) {
            ProcessBuilder pb = new ProcessBuilder("mvn", "-B", "-q", "-o", "liquibase:update", "-Dbudgetron.lock-retries=1",
                    "-Dbudgetron.lock-retry-wait=200ms").directory(mavenProject.toFile()).redirectErrorStream(true);
            pb.environment().put("DB_URL", db.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertTrue(p.exitValue() != 0, out);
            assertTrue(out.contains("[budgetron] lock_timeout on table users (held by pid"), out);
            assertTrue(out.contains("nightly-export, idle in transaction"), out);
            assertTrue(out.contains("could not lock table users after 2 tries"), out);
            holder.rollback();
        }
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog WHERE id = '0010_add-nickname'"), "nothing half-applied");
    }

    /**
     * Statements pay a savepoint only while a lock_timeout is in force; a timeout that comes from the
     * database's own settings (no SET LOCAL in the changeset) must still be retried and reported.
     */
    @Test
    void aLockTimeoutFromTheDatabaseSettingsIsRetriedToo() throws Exception {
        Files.writeString(project.resolve("liquibase.properties"), "lock-retries=1\nlock-retry-wait=200ms\n");
        TestDatabase.execute(db, "ALTER DATABASE \"" + db.database() + "\" SET lock_timeout = '300ms'");
        addChangelog("0010_add-nickname.sql", "\n--changeset budgetron:0010_add-nickname\n"
                + "CREATE TABLE notes (id serial PRIMARY KEY);\nALTER TABLE \"users\" ADD COLUMN \"nickname\" text;\n"
                + "--rollback ALTER TABLE \"users\" DROP COLUMN \"nickname\"; DROP TABLE notes;\n");
        Path log = project.resolve("migrate.log");
        try (Connection holder = holder(db, "db-level-report")) {
            Process p = migrate(log);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("[budgetron] lock_timeout on table users (held by pid"), out);
            assertTrue(out.contains("could not lock table users after 2 tries; held by pid"), out);
            assertTrue(out.contains("db-level-report, idle in transaction"), out);
            holder.rollback();
        }
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM pg_class WHERE relname = 'notes'"), "the changeset's first statement was rolled back too");
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog WHERE id = '0010_add-nickname'"));
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString()).exitCode, "a later migrate applies it");
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'"));
    }

    @Test
    void migrateFailsCleanlyNamingTheHolderWhenItNeverLetsGo() throws Exception {
        Files.writeString(project.resolve("liquibase.properties"), "lock-retries=1\nlock-retry-wait=200ms\n");
        addChangelog("0010_add-nickname.sql", ADD_NICKNAME);
        Path log = project.resolve("migrate.log");
        try (Connection holder = holder(db, "stuck-report")) {
            int pid;
            try (Statement s = holder.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            Process p = migrate(log);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("Changeset 0010_add-nickname in changelog/0010_add-nickname.sql failed and was rolled back"), out);
            assertTrue(out.contains("lock_timeout: could not lock table users after 2 tries; held by pid " + pid + " (stuck-report, idle in transaction"), out);
            assertFalse(out.contains("\tat "), "no stack trace: " + out);
            holder.rollback();
        }
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'"));
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog WHERE id = '0010_add-nickname'"), "nothing half-applied");
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString()).exitCode, "runs once the holder is gone");
    }

    @Test
    void aConcurrentIndexBuildKilledMidwayIsRebuiltByTheNextMigrate() throws Exception {
        addChangelog("0010_users-name-index.sql", "\n--changeset budgetron:0010_users-name-index runInTransaction:false\n"
                + "DROP INDEX CONCURRENTLY IF EXISTS \"users_name_index\";\n"
                + "CREATE INDEX CONCURRENTLY \"users_name_index\" ON \"users\" USING btree (name);\n"
                + "--rollback DROP INDEX CONCURRENTLY IF EXISTS \"users_name_index\";\n");
        Path log = project.resolve("migrate.log");
        // a writer's open transaction makes CREATE INDEX CONCURRENTLY wait after it has made its (INVALID) index entry
        Connection writer = TestDatabase.connect(db);
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("UPDATE users SET image = 'x' WHERE name = 'user 1'");
        }
        Process p = migrate(log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (TestDatabase.count(db, "SELECT count(*) FROM pg_class WHERE relname = 'users_name_index'") == 0) {
            assertTrue(System.nanoTime() < deadline, "the build started: " + Files.readString(log));
            Thread.sleep(50);
        }
        p.destroyForcibly(); // SIGKILL mid-build
        p.waitFor();
        // the server ends the orphaned build within about a second (client_connection_check_interval), the writer still open
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TestDatabase.count(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND pid <> pg_backend_pid()") > 0) {
            assertTrue(System.nanoTime() < gone, "the server noticed the dead client");
            Thread.sleep(100);
        }
        writer.commit();
        writer.close();
        assertEquals("false", TestDatabase.queryOne(db, "SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'users_name_index'"),
                "the kill left an INVALID index behind");
        Cli again = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname LIKE 'users_name_index%'"), "one index");
        assertEquals("true", TestDatabase.queryOne(db, "SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'users_name_index'"));
    }

    @Test
    void generatedChangesetsUnderASteadyWriteLoadLoseNoWrite() throws Exception {
        addChangelog("0010_live-changes.sql", "\n--changeset budgetron:0010_live-changes-1\n"
                + "SET LOCAL lock_timeout = '1s';\nALTER TABLE \"users\" ADD COLUMN \"nickname\" text DEFAULT 'none'::text;\n"
                + "--rollback ALTER TABLE \"users\" DROP COLUMN \"nickname\";\n"
                + "\n--changeset budgetron:0010_live-changes-2\n"
                + "SET LOCAL lock_timeout = '1s';\nALTER TABLE \"users\" ADD CONSTRAINT \"users_nickname_not_null\" CHECK (\"nickname\" IS NOT NULL) NOT VALID;\n"
                + "--rollback ALTER TABLE \"users\" DROP CONSTRAINT \"users_nickname_not_null\";\n"
                + "\n--changeset budgetron:0010_live-changes-3\n"
                + "SET LOCAL lock_timeout = '1s';\nALTER TABLE \"users\" VALIDATE CONSTRAINT \"users_nickname_not_null\";\n"
                + "--rollback SELECT 'validation only: nothing to undo';\n"
                + "\n--changeset budgetron:0010_live-changes-4\n"
                + "SET LOCAL lock_timeout = '1s';\nALTER TABLE \"users\" ALTER COLUMN \"nickname\" SET NOT NULL;\n"
                + "ALTER TABLE \"users\" DROP CONSTRAINT \"users_nickname_not_null\";\n"
                + "--rollback ALTER TABLE \"users\" ALTER COLUMN \"nickname\" DROP NOT NULL;\n"
                + "\n--changeset budgetron:0010_live-changes-5 runInTransaction:false\n"
                + "DROP INDEX CONCURRENTLY IF EXISTS \"users_nickname_index\";\n"
                + "CREATE INDEX CONCURRENTLY \"users_nickname_index\" ON \"users\" USING btree (nickname);\n"
                + "--rollback DROP INDEX CONCURRENTLY IF EXISTS \"users_nickname_index\";\n");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        Thread load = new Thread(() -> {
            try (Connection c = TestDatabase.connect(db);
                 PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (expires_at, token, user_id) "
                         + "SELECT now() + interval '1 day', 'token-' || ?, id FROM users WHERE email = 'u1@example.org'");
                 PreparedStatement up = c.prepareStatement("UPDATE users SET image = ? WHERE email = 'u2@example.org'")) {
                for (long i = 0; !stop.get(); i++) {
                    long t = System.nanoTime();
                    try {
                        ps.setString(1, String.valueOf(i));
                        ps.executeUpdate();
                        up.setString(1, String.valueOf(i));
                        up.executeUpdate();
                        written.incrementAndGet();
                    } catch (java.sql.SQLException e) {
                        failed.incrementAndGet();
                    }
                    worst.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        load.start();
        Thread.sleep(300);
        Cli r = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString());
        Thread.sleep(300);
        stop.set(true);
        load.join();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, failed.get(), "no write failed");
        assertEquals(written.get(), TestDatabase.count(db, "SELECT count(*) FROM sessions"), "every write is there");
        assertEquals("true", TestDatabase.queryOne(db, "SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'nickname'"));
        System.out.println("[LiveDatabaseTest] steady writes during migrate: " + written.get() + " written, 0 failed, worst write "
                + worst.get() + " ms");
    }
}
