package budgetron.db.image;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Reference;
import budgetron.db.support.SqlScript;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built image (.ci/image.sh, named by -Dbudgetron.image), run for real with buildah: its
 * entrypoint against PostgreSQL as a production container would, sharing the host's network. Skipped
 * unless an image is named: .ci/run builds it and runs this class.
 */
class ImageTest {
    private static final String IMAGE = System.getProperty("budgetron.image", "");
    private static final String PASSWORD = "s3cret-in-url";
    private static final List<String> CONTAINERS = new ArrayList<>();
    private static String container;

    record Run(int exit, String output, long millis) {
    }

    @BeforeAll
    static void image() throws Exception {
        assumeTrue(!IMAGE.isEmpty(), "no image named (-Dbudgetron.image=…): .ci/run builds one and runs this test");
        container = newContainer();
    }

    @AfterAll
    static void remove() throws Exception {
        for (String c : CONTAINERS) {
            buildah("rm", c);
        }
    }

    private static String newContainer() throws Exception {
        Run r = buildah("from", "--pull-never", IMAGE);
        assertEquals(0, r.exit(), r.output());
        String name = r.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        CONTAINERS.add(name);
        return name;
    }

    private static Run buildah(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs"));
        cmd.addAll(List.of(args));
        return exec(new ProcessBuilder(cmd));
    }

    private static Run exec(ProcessBuilder pb) throws Exception {
        long start = System.nanoTime();
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** The image's entrypoint in container c, with these environment variables, then the command if any. */
    private static ProcessBuilder entrypoint(String c, List<String> env, String... command) {
        List<String> cmd = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs", "run", "--isolation", "chroot"));
        env.forEach(e -> cmd.addAll(List.of("--env", e)));
        cmd.addAll(List.of(c, "--", "/app/entrypoint.sh"));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd);
    }

    private static Run start(DbUrl db, String... command) throws Exception {
        return exec(entrypoint(container, List.of("DB_URL=" + withPassword(db)), command));
    }

    /** The database's URL with a password in it (the server trusts the connection and ignores it): it must never be printed. */
    private static String withPassword(DbUrl db) {
        return "postgres://" + db.user() + ":" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + db.database();
    }

    private static void noSecrets(Run r) {
        assertFalse(r.output().contains(PASSWORD), "a password in the output:\n" + r.output());
    }

    @Test
    void aEmptyDatabaseIsMigratedAsNonRootAndCUpToDateIsQuick() throws Exception {
        DbUrl db = TestDatabase.fresh();
        Run fresh = start(db, "id", "-u");
        assertEquals(0, fresh.exit(), fresh.output());
        assertTrue(fresh.output().contains("Applied 10 changesets"), fresh.output());
        String uid = fresh.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertNotEquals("0", uid, "runs as non-root");
        noSecrets(fresh);
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));

        Run again = start(db);
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("Database is up to date"), again.output());
        noSecrets(again);
        System.out.println("[ImageTest] container start to migrated: fresh " + fresh.millis() + " ms, up to date " + again.millis() + " ms");
    }

    @Test
    void bADrizzleBuiltDatabaseWithRowsIsAdoptedWithoutLosingOne() throws Exception {
        DbUrl db = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(db)) {
            SqlScript.run(c, Reference.read("drizzle-states/after-0007.sql"));
        }
        TestDatabase.execute(db, "INSERT INTO users (id, name, email) VALUES ('00000000-0000-0000-0000-000000000001', 'Ada', 'ada@example.com')",
                "INSERT INTO bank_accounts (id, name, type, balance, user_id) VALUES ('00000000-0000-0000-0000-000000000003', 'Savings', 'SAVINGS', "
                        + "1500.25, '00000000-0000-0000-0000-000000000001')",
                "INSERT INTO transactions (date, amount, currency, description, tags, bank_account_id, user_id) SELECT '2025-07-01', g, 'INR', "
                        + "'tx ' || g, '{food}', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000001' FROM generate_series(1, 25) g");
        Run r = start(db);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("8 of 10 Drizzle migrations applied"), r.output());
        assertEquals(25, TestDatabase.count(db, "SELECT count(*) FROM transactions"));
        assertEquals("1500.25", TestDatabase.queryOne(db, "SELECT balance::text FROM bank_accounts"));
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
        noSecrets(r);
    }

    @Test
    void dThreeContainersAtOnceMigrateOnce() throws Exception {
        DbUrl db = TestDatabase.fresh();
        List<String> three = List.of(container, newContainer(), newContainer());
        List<CompletableFuture<Run>> runs = new ArrayList<>();
        for (String c : three) {
            ProcessBuilder pb = entrypoint(c, List.of("DB_URL=" + withPassword(db)));
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return exec(pb);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        int applied = 0;
        int upToDate = 0;
        for (CompletableFuture<Run> f : runs) {
            Run r = f.get(300, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.output());
            noSecrets(r);
            applied += r.output().contains("Applied 10 changesets") ? 1 : 0;
            upToDate += r.output().contains("Database is up to date") || r.output().contains("nothing to apply") ? 1 : 0;
        }
        assertEquals(1, applied, "one container migrates");
        assertEquals(2, upToDate, "the others wait, then find it up to date");
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"), "each changeset once");
    }

    @Test
    void eADatabaseThatNeverComesEndsTheContainerAfterMaxWait() throws Exception {
        Run r = exec(entrypoint(container, List.of("DB_URL=postgres://app:" + PASSWORD + "@127.0.0.1:9/budgetron", "MAX_WAIT=3"), "echo", "must not run"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.millis() >= 3000, "waited MAX_WAIT: " + r.millis() + " ms");
        assertTrue(r.output().contains("Cannot reach PostgreSQL at 127.0.0.1:9 after waiting 3 s"), r.output());
        assertFalse(r.output().contains("must not run"), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace: " + r.output());
        noSecrets(r);
    }

    @Test
    void fSigtermWhileWaitingForTheLockStopsCleanlyWithNothingApplied() throws Exception {
        DbUrl db = TestDatabase.fresh();
        try (Connection holder = TestDatabase.connect(db); var s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + budgetron.db.liquibase.AdvisoryLock.KEY + ")"); // another migrate holds the lock
            Process p = entrypoint(container, List.of("DB_URL=" + withPassword(db))).redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // the entrypoint's shell (PID 1 of a real container), once migrate is waiting for the lock
            long shell = -1;
            while (shell < 0 && System.nanoTime() < deadline) {
                // not buildah, nor its chroot helper ("buildah-chroot-exec /app/entrypoint.sh"): the shell itself
                shell = entrypointShell();
                Thread.sleep(200);
            }
            assertTrue(shell > 0, "found the entrypoint");
            Thread.sleep(3000); // migrate connects and waits for the lock
            assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(shell)).start().waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped promptly");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(out.contains("stopped by a signal while migrating"), out);
            assertFalse(out.contains(PASSWORD), out);
        }
        assertEquals(0, TestDatabase.count(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_name NOT IN ('databasechangelog', 'databasechangeloglock')"), "nothing half-applied");
        Run after = start(db);
        assertEquals(0, after.exit(), "the next start migrates: " + after.output());
    }

    /** The pid of "/bin/sh /app/entrypoint.sh" (read from /proc: Java cannot describe a process whose root is a chroot), or -1. */
    private static long entrypointShell() throws java.io.IOException {
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path d : (Iterable<java.nio.file.Path>) dirs::iterator) {
                if (!d.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String cmd = new String(java.nio.file.Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.matches("^\\S*/sh /app/entrypoint\\.sh.*")) {
                        return Long.parseLong(d.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return -1;
    }

    @Test
    void gTheCommandAfterMigratingRunsWithItsExitCode() throws Exception {
        DbUrl db = TestDatabase.migrated();
        Run r = start(db, "sh", "-c", "echo the app starts; exit 7");
        assertEquals(7, r.exit(), r.output());
        assertTrue(r.output().contains("the app starts"), r.output());
        noSecrets(r);
    }

    @Test
    void theTrainedArchiveIsWhatTheLauncherStartsWith() throws Exception {
        DbUrl db = TestDatabase.fresh();
        // class loading logged: classes an archive holds are "source: shared objects file". migrate starts with its own
        // archive (a fresh and an up-to-date database, no Liquibase); history with the core one, which holds Liquibase's
        Run r = exec(new ProcessBuilder("buildah", "--storage-driver", "vfs", "run", "--isolation", "chroot",
                "--env", "JAVA_TOOL_OPTIONS=-Xlog:class+load=info:file=/tmp/classes.log", "--env", "DB_URL=" + db, container, "--",
                "sh", "-c", "/app/budgetron-db migrate >/dev/null 2>&1; grep -c 'source: ' /tmp/classes.log; "
                        + "grep -c 'source: shared objects file' /tmp/classes.log; rm /tmp/classes.log; "
                        + "/app/budgetron-db history >/dev/null 2>&1; grep -c 'liquibase.*source: shared objects file' /tmp/classes.log; ls -l /app"));
        assertEquals(0, r.exit(), r.output());
        List<Integer> counts = r.output().strip().lines().filter(l -> l.matches("\\d+")).map(Integer::parseInt).toList();
        assertEquals(3, counts.size(), r.output());
        System.out.println("[ImageTest] classes loaded by a fresh migrate in the image: " + counts.get(0) + ", from the archive " + counts.get(1));
        assertTrue(counts.get(1) > counts.get(0) * 0.8, "most classes come from the trained archive: " + r.output());
        assertTrue(counts.get(2) > 300, "history's Liquibase classes come from the core archive: " + r.output());
        assertEquals(10, TestDatabase.count(db, "SELECT count(*) FROM databasechangelog"));
        assertTrue(r.output().contains("budgetron-db-migrate.jsa") && r.output().contains("budgetron-db.jsa"), r.output());
    }
}
