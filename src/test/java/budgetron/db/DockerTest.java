package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/: no Docker engine runs here, so the entrypoint script is run for real against PostgreSQL
 * (with budgetron-db from the build output), and the Dockerfile and compose file are checked for
 * their structure. The image itself is not built in these tests.
 */
class DockerTest {
    private static final Path DOCKER = Path.of("docker");

    record Run(int exit, String output, long millis) {
    }

    private static Run entrypoint(Map<String, String> env, String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", DOCKER.resolve("entrypoint.sh").toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DB_URL");
        pb.environment().put("BUDGETRON_DB", Path.of(System.getProperty("java.home"), "bin", "java")
                + " -cp " + System.getProperty("java.class.path") + " budgetron.db.cli.Main");
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static long applied(DbUrl url) throws Exception {
        try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void migratesThenExitsOrExecsTheCommand() throws Exception {
        DbUrl db = TestDatabase.fresh();
        Run run = entrypoint(Map.of("DB_URL", db.toString()));
        assertEquals(0, run.exit(), run.output());
        assertEquals(10, applied(db));

        run = entrypoint(Map.of("DB_URL", db.toString()), "sh", "-c", "echo app started with pid $$");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Database is up to date"), run.output());
        assertTrue(run.output().contains("app started with pid"), run.output());
    }

    @Test
    void exitsNonZeroWhenTheDatabaseNeverComes() throws Exception {
        Run run = entrypoint(Map.of("DB_URL", "postgres://u:p@127.0.0.1:1/db", "MAX_WAIT", "2"), "echo", "must not run");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.millis() >= 2000, "waited MAX_WAIT: " + run.millis() + " ms");
        assertTrue(run.output().contains("Cannot reach PostgreSQL at 127.0.0.1:1 after waiting 2 s"), run.output());
        assertFalse(run.output().contains("must not run"), run.output());
    }

    @Test
    void rejectsANonNumericMaxWait() throws Exception {
        Run run = entrypoint(Map.of("DB_URL", "postgres://u:p@127.0.0.1:1/db", "MAX_WAIT", "soon"));
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("MAX_WAIT must be a whole number"), run.output());
    }

    @Test
    void waitsForADatabaseThatStartsLater() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int chosen = port;
        CompletableFuture<EmbeddedPostgres> later = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(3000);
                return EmbeddedPostgres.builder().setPort(chosen).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Run run = entrypoint(Map.of("DB_URL", "postgres://postgres@localhost:" + port + "/postgres", "MAX_WAIT", "90"));
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.millis() >= 3000, "it had to wait");
            assertEquals(10, applied(DbUrl.parse("postgres://postgres@localhost:" + port + "/postgres")));
        } finally {
            later.get(60, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void dockerfileIsMultiStageAndRunsAsNonRoot() throws Exception {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "a build stage and a runtime stage");
        assertEquals("FROM ${BUILD_IMAGE} AS build", froms.get(0));
        assertEquals("FROM ${RUNTIME_IMAGE}", froms.get(1));
        assertTrue(lines.contains("ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17"), "the public build image by default");
        assertTrue(lines.contains("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre"), "runtime is a JRE by default");
        int runtime = lines.indexOf(froms.get(1));
        List<String> runtimeLines = lines.subList(runtime, lines.size());
        assertTrue(runtimeLines.stream().anyMatch(l -> l.startsWith("COPY --from=build ") && l.contains("budgetron-db-cli.jar")));
        String user = runtimeLines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertFalse(user.equals("USER root") || user.equals("USER 0"), "runs as non-root: " + user);
        assertTrue(runtimeLines.indexOf(user) > runtimeLines.indexOf("COPY docker/entrypoint.sh /app/entrypoint.sh"));
        assertTrue(runtimeLines.indexOf(user) < runtimeLines.indexOf(runtimeLines.stream().filter(l -> l.startsWith("RUN ") && l.contains("make-launcher.sh"))
                .findFirst().orElseThrow()), "the training runs as the image's user (initdb refuses root)");
        assertEquals("ENTRYPOINT [\"/app/entrypoint.sh\"]", runtimeLines.get(runtimeLines.size() - 1));
        assertTrue(runtimeLines.contains("ENV MAX_WAIT=30"));
        assertTrue(Files.isExecutable(DOCKER.resolve("entrypoint.sh")));
        assertEquals(0, new ProcessBuilder("sh", "-n", DOCKER.resolve("entrypoint.sh").toString()).start().waitFor(), "sh syntax");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeHasPostgres17AndAOneShotMigrator() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        assertEquals("postgres:17", postgres.get("image"));
        assertTrue(postgres.containsKey("healthcheck"));
        Map<String, Object> migrate = (Map<String, Object>) services.get("migrate");
        assertEquals("no", migrate.get("restart"), "one-shot");
        assertEquals("docker/Dockerfile", ((Map<String, Object>) migrate.get("build")).get("dockerfile"));
        Map<String, Object> dependsOn = (Map<String, Object>) migrate.get("depends_on");
        assertEquals("service_healthy", ((Map<String, Object>) dependsOn.get("postgres")).get("condition"));
        assertTrue(((Map<String, Object>) migrate.get("environment")).get("DB_URL").toString().contains("@postgres:5432/"));
    }
}
