package budgetron.db.api;

import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.operation.Migrate;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.Cli;
import budgetron.db.support.Reference;
import budgetron.db.support.SqlScript;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API on an application's DataSource does what `budgetron-db migrate` does, and leaves the DataSource's connection as it came. */
class BudgetronDbTest {
    private static PGSimpleDataSource dataSource(DbUrl url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url.jdbcUrl());
        ds.setUser(url.user());
        if (url.password() != null) {
            ds.setPassword(url.password());
        }
        return ds;
    }

    @Test
    void migrateOnADataSourceMatchesTheCli() throws Exception {
        DbUrl viaApi = TestDatabase.fresh();
        Migrate.Result result = BudgetronDb.migrate(dataSource(viaApi));
        assertEquals(10, result.applied().size());
        assertEquals("0000_init", result.applied().get(0).id());
        Cli status = Cli.run("status", "--db-url", viaApi.toString());
        assertTrue(status.out.contains("Up to date: 10 changesets applied"), "the CLI agrees: " + status);

        DbUrl viaCli = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", viaCli.toString()).exitCode);
        String history = "SELECT string_agg(id || '|' || author || '|' || filename || '|' || md5sum || '|' || exectype, ',' ORDER BY orderexecuted) "
                + "FROM databasechangelog";
        assertEquals(TestDatabase.queryOne(viaCli, history), TestDatabase.queryOne(viaApi, history), "the same history rows");
        assertTrue(BudgetronDb.migrate(dataSource(viaApi)).wasUpToDate());
    }

    /** docs/application.md's plain-JPA example, as written: migrate, then the jar's persistence unit on the same DataSource. */
    @Test
    void aPlainJpaApplicationMigratesThenBuildsItsEntityManagerFactory() throws Exception {
        DataSource dataSource = dataSource(TestDatabase.fresh());
        BudgetronDb.migrate(dataSource);
        java.util.Map<String, Object> props = java.util.Map.of("jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate");
        try (jakarta.persistence.EntityManagerFactory emf = jakarta.persistence.Persistence.createEntityManagerFactory("budgetron", props)) {
            jakarta.persistence.EntityManager em = emf.createEntityManager();
            assertEquals(126L, em.createQuery("select count(c) from Category c", Long.class).getSingleResult());
            em.close();
        }
    }

    @Test
    void aDrizzleBuiltDatabaseIsAdoptedThroughTheDataSource() throws Exception {
        DbUrl url = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(url)) {
            SqlScript.run(c, Reference.read("drizzle-states/after-0007.sql"));
            c.createStatement().execute("INSERT INTO users (name, email) VALUES ('Ada Lovelace', 'ada@example.com')");
        }
        Migrate.Result result = BudgetronDb.forDataSource(dataSource(url)).server(url).migrate();
        assertNotNull(result.adopted(), "adopted first");
        assertEquals(8, result.adopted().toRecord().size());
        assertEquals(List.of("0008_update-group-schema", "0009_add-currency-rates-table"), result.applied().stream().map(c -> c.id()).toList());
        try (Connection c = TestDatabase.connect(url)) {
            assertEquals(SchemaDump.normalizePgDump(Reference.read("budgetron-schema.sql")), SchemaDump.of(c));
        }
        assertEquals("Ada Lovelace", TestDatabase.queryOne(url, "SELECT name FROM users"));
    }

    @Test
    void thePooledConnectionGoesBackAsItCame() throws Exception {
        DbUrl url = TestDatabase.fresh();
        List<Boolean> autoCommitAtClose = new CopyOnWriteArrayList<>();
        PGSimpleDataSource real = dataSource(url);
        DataSource recording = new ForwardingDataSource(real) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = real.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                    if (m.getName().equals("close")) {
                        autoCommitAtClose.add(c.getAutoCommit());
                        assertEquals("0", one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"),
                                "the migration lock is released before the connection goes back");
                    }
                    return m.invoke(c, args);
                });
            }
        };
        BudgetronDb.migrate(recording);
        BudgetronDb.forDataSource(recording).status();
        assertEquals(List.of(true, true), autoCommitAtClose, "autocommit restored for the pool");
    }

    @Test
    void aStartWaitingForTheLockSaysWhoHoldsIt() throws Exception {
        DbUrl url = TestDatabase.fresh();
        List<String> said = new CopyOnWriteArrayList<>();
        try (Connection holder = TestDatabase.connect(url)) {
            holder.createStatement().execute("SET application_name = 'another app instance'");
            assertTrue(AdvisoryLock.tryAcquire(holder));
            CompletableFuture<Migrate.Result> start = CompletableFuture.supplyAsync(
                    () -> BudgetronDb.forDataSource(dataSource(url)).progress(said::add).migrate());
            for (int i = 0; i < 100 && said.stream().noneMatch(l -> l.startsWith("Waiting for the migration lock")); i++) {
                Thread.sleep(50);
            }
            assertFalse(start.isDone(), "it waits");
            assertTrue(said.stream().anyMatch(l -> l.startsWith("Waiting for the migration lock, held by server pid ")
                    && l.contains("another app instance")), said.toString());
            AdvisoryLock.release(holder);
            assertEquals(10, start.get(30, TimeUnit.SECONDS).applied().size());
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A DataSource that hands every call to another, for tests to override one method. */
    private static class ForwardingDataSource implements DataSource {
        private final DataSource to;

        ForwardingDataSource(DataSource to) {
            this.to = to;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return to.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return to.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return to.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            to.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            to.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return to.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return to.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return to.isWrapperFor(type);
        }
    }
}
