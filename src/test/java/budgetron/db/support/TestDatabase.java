package budgetron.db.support;

import budgetron.db.config.DbUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests run against (TestServer, the library's test support: BUDGETRON_TEST_DB_URL,
 * else Testcontainers where Docker answers, else an embedded PostgreSQL 17), and fresh databases on it.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static DbUrl server;

    private TestDatabase() {
    }

    /** The server, as the library's test support chooses it for applications (TestServer): the same rules here. */
    public static synchronized DbUrl server() {
        if (server == null) {
            DbUrl chosen = budgetron.db.testing.TestServer.url();
            String version;
            try (Connection c = connect(chosen); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                version = rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot ask the test server its version: " + e.getMessage(), e);
            }
            // the matrix (pom.xml's pg-matrix profile) names the major it means to test: a silent fallback would prove nothing
            String expected = System.getProperty("budgetron.test.postgres-major");
            if (expected != null && !version.startsWith(expected + ".")) {
                throw new IllegalStateException("The tests were to run on PostgreSQL " + expected + " but the server is " + version);
            }
            System.out.println("[TestDatabase] using " + budgetron.db.testing.TestServer.kind() + ", PostgreSQL " + version + ": " + chosen);
            server = chosen;
            if (!"embedded PostgreSQL (zonky)".equals(budgetron.db.testing.TestServer.kind())) {
                // a server that outlives the run (BUDGETRON_TEST_DB_URL, the machine's own): leave no databases behind
                dropDatabasesOf(chosen, null);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabasesOf(chosen, ProcessHandle.current().pid()),
                        "budgetron-test-databases-drop"));
            }
        }
        return server;
    }

    /** Drops this JVM's test databases (pid given) or those of test JVMs that are gone (pid null). */
    private static void dropDatabasesOf(DbUrl admin, Long pid) {
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^budgetron_test_[0-9]+_[0-9]+$'")) {
                while (rs.next()) {
                    long owner = Long.parseLong(rs.getString(1).split("_")[2]);
                    if (pid == null ? ProcessHandle.of(owner).isEmpty() : owner == pid) {
                        names.add(rs.getString(1));
                    }
                }
            }
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.out.println("[TestDatabase] could not drop test databases: " + e.getMessage());
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
