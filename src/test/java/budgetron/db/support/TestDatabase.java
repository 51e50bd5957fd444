package budgetron.db.support;

import budgetron.db.config.DbUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests run against, chosen once per JVM, in order:
 * BUDGETRON_TEST_DB_URL if set; a Testcontainers postgres:17 if a Docker engine answers; else an
 * embedded PostgreSQL 17 (zonky). Every test class asks for its own fresh database on it.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static DbUrl server;
    private static String kind;

    private TestDatabase() {
    }

    public static synchronized DbUrl server() {
        if (server == null) {
            String explicit = System.getenv("BUDGETRON_TEST_DB_URL");
            if (explicit != null && !explicit.isBlank()) {
                server = DbUrl.parse(explicit);
                kind = "BUDGETRON_TEST_DB_URL";
            } else if (dockerAnswers()) {
                PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:17");
                pg.start();
                server = DbUrl.parse("postgres://" + pg.getUsername() + ":" + pg.getPassword() + "@" + pg.getHost() + ":"
                        + pg.getFirstMappedPort() + "/" + pg.getDatabaseName());
                kind = "Testcontainers postgres:17";
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (Exception ignored) {
                            // the JVM is going away
                        }
                    }));
                    server = DbUrl.parse("postgres://postgres@localhost:" + pg.getPort() + "/postgres");
                    kind = "embedded PostgreSQL (zonky)";
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start an embedded PostgreSQL", e);
                }
            }
            System.out.println("[TestDatabase] using " + kind + ": " + server);
        }
        return server;
    }

    /**
     * A Docker engine Testcontainers could use: asked only when there is a socket or DOCKER_HOST to
     * ask (without one, Testcontainers logs a SEVERE block for what is a normal machine here), and
     * with Testcontainers' own logging quiet while it looks.
     */
    private static boolean dockerAnswers() {
        boolean endpoint = System.getenv("DOCKER_HOST") != null || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!endpoint) {
            return false;
        }
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("org.testcontainers");
        java.util.logging.Level before = quiet.getLevel();
        quiet.setLevel(java.util.logging.Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        } finally {
            quiet.setLevel(before);
        }
    }

    private static String template;

    /**
     * A new database with this project's changelog applied: a clone (CREATE DATABASE … TEMPLATE) of
     * one migrated once per JVM by Liquibase, the same history rows and schema as a migrate.
     */
    public static synchronized DbUrl migrated() {
        DbUrl admin = server();
        if (template == null) {
            DbUrl t = fresh();
            try (Connection c = connect(t); budgetron.db.liquibase.Migrator m = new budgetron.db.liquibase.Migrator(c,
                    budgetron.db.liquibase.Changelog.in(java.nio.file.Path.of(".")))) {
                m.update();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot migrate the template database " + t.database(), e);
            }
            template = t.database();
        }
        String name = "budgetron_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clone the migrated template into " + name, e);
        }
        return admin.withDatabase(name);
    }

    /** A new, empty database on the test server. */
    public static DbUrl fresh() {
        DbUrl admin = server();
        String name = "budgetron_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return admin.withDatabase(name);
    }

    /** Runs statements on the database, each committed. */
    public static void execute(DbUrl url, String... statements) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of the first row of a query, as text. */
    public static String queryOne(DbUrl url, String query) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + query);
            }
            return rs.getString(1);
        }
    }

    public static long count(DbUrl url, String query) throws SQLException {
        return Long.parseLong(queryOne(url, query));
    }

    public static Connection connect(DbUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties());
    }
}
