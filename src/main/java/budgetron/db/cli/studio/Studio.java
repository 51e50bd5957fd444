package budgetron.db.cli.studio;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.net.BindException;

/** A running studio: its connection pool, its API and its HTTP server, closed together. */
public final class Studio implements AutoCloseable {
    private final HikariDataSource pool;
    private final StudioServer server;
    private final String host;

    private Studio(HikariDataSource pool, StudioServer server, String host) {
        this.pool = pool;
        this.server = server;
        this.host = host;
    }

    public static Studio start(DbUrl url, boolean readOnly, String environment, Changelog changelog, String host, int port) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(url.connectionProperties());
        config.addDataSourceProperty("ApplicationName", "budgetron-db studio");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setPoolName("budgetron-studio");
        config.setInitializationFailTimeout(-1);
        // every query of the studio, console included, gives up after 15 s
        config.setConnectionInitSql("SET statement_timeout = '15s'; SET search_path = public");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            StudioServer server = new StudioServer(host, port, new StudioApi(pool, readOnly, environment, url, changelog));
            server.start();
            return new Studio(pool, server, host);
        } catch (BindException e) {
            pool.close();
            throw new ConfigException("Port " + port + " on " + host + " is taken: stop what uses it, or pass --port N "
                    + "(--port 0 picks a free one).");
        } catch (IOException e) {
            pool.close();
            throw new ConfigException("Cannot serve the studio on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** The address to open, token included. */
    public String address() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + server.port() + "/?token=" + server.token();
    }

    public int port() {
        return server.port();
    }

    public String token() {
        return server.token();
    }

    @Override
    public void close() {
        server.close();
        pool.close();
    }
}
