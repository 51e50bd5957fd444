package budgetron.db.testing;

import budgetron.db.api.BudgetronDb;
import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL database for an application's JUnit 5 tests, on TestServer's server: one per
 * test class when registered on a static field, one per test on an instance field; dropped after.
 * <pre>{@code
 * @RegisterExtension
 * static BudgetronTestDatabase db = BudgetronTestDatabase.empty();   // the application migrates it at start
 *
 * @DynamicPropertySource
 * static void datasource(DynamicPropertyRegistry r) {
 *     r.add("spring.datasource.url", db::jdbcUrl);
 *     r.add("spring.datasource.username", db::user);
 *     r.add("spring.datasource.password", db::password);
 * }
 * }</pre>
 * {@link #migrated()} gives one with Budgetron's changelog applied; {@link #fromDump(String)} one
 * restored from a plain pg_dump (a copy of production, say). JUnit's API is the application's own
 * (a provided dependency here), and so is the server library TestServer uses.
 */
public final class BudgetronTestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private enum Start { EMPTY, MIGRATED, DUMP }

    private final Start start;
    private final String dump;
    private DbUrl url;
    private boolean perClass;

    private BudgetronTestDatabase(Start start, String dump) {
        this.start = start;
        this.dump = dump;
    }

    /** An empty database: what an application that migrates at start should be tested on. */
    public static BudgetronTestDatabase empty() {
        return new BudgetronTestDatabase(Start.EMPTY, null);
    }

    /** Budgetron's changelog applied, as `budgetron-db migrate` applies it. */
    public static BudgetronTestDatabase migrated() {
        return new BudgetronTestDatabase(Start.MIGRATED, null);
    }

    /** A plain-text pg_dump's schema and rows (the text of the file, COPY blocks included). */
    public static BudgetronTestDatabase fromDump(String pgDumpScript) {
        return new BudgetronTestDatabase(Start.DUMP, pgDumpScript);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        drop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            create();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            drop();
        }
    }

    /** The database, as a budgetron-db URL (created now if the test asks before JUnit's callbacks, as Spring's property sources may). */
    public synchronized DbUrl url() {
        if (url == null) {
            create();
        }
        return url;
    }

    public String jdbcUrl() {
        return url().jdbcUrl();
    }

    public String user() {
        return url().user();
    }

    public String password() {
        return url().password();
    }

    public DataSource dataSource() {
        return dataSourceFor(url());
    }

    private synchronized void create() {
        if (url != null) {
            return;
        }
        DbUrl server = TestServer.url();
        String name = "budgetron_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = Connections.open(server); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        DbUrl created = server.withDatabase(name);
        if (start == Start.MIGRATED) {
            BudgetronDb.forDataSource(dataSourceFor(created)).progress(line -> { }).migrate();
        } else if (start == Start.DUMP) {
            try (Connection c = Connections.open(created)) {
                PgDumpScript.run(c, dump);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot restore the dump into " + name + ": " + e.getMessage(), e);
            }
        }
        url = created;
    }

    private static DataSource dataSourceFor(DbUrl db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(db.user());
        if (db.password() != null) {
            ds.setPassword(db.password());
        }
        return ds;
    }

    private synchronized void drop() {
        if (url == null) {
            return;
        }
        try (Connection c = Connections.open(TestServer.url()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // a leftover test database on a test server is harmless
        }
        url = null;
    }
}
