package budgetron.db.command;

import budgetron.db.config.DbUrl;
import budgetron.db.config.Environment;
import budgetron.db.devdb.DevDatabase;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;

import java.sql.Connection;
import java.sql.SQLException;

/** An open connection to the chosen database, with the environment and changelog it goes with. */
public final class Target implements AutoCloseable {
    private final Environment environment;
    private final DbUrl url;
    private final Connection connection;
    private final Changelog changelog;
    private final DevDatabase devDatabase;
    private Migrator migrator;

    Target(Environment environment, DbUrl url, Connection connection, Changelog changelog, DevDatabase devDatabase) {
        this.environment = environment;
        this.url = url;
        this.connection = connection;
        this.changelog = changelog;
        this.devDatabase = devDatabase;
    }

    public Migrator migrator() throws Exception {
        if (migrator == null) {
            migrator = new Migrator(connection, changelog);
        }
        return migrator;
    }

    /** The migration lock (AdvisoryLock), held until closed; waits up to five minutes for another run to finish. */
    public AdvisoryLock lock() throws SQLException {
        return AdvisoryLock.acquire(connection, AdvisoryLock.DEFAULT_WAIT);
    }

    public Environment environment() {
        return environment;
    }

    public DbUrl url() {
        return url;
    }

    public Connection connection() {
        return connection;
    }

    public Changelog changelog() {
        return changelog;
    }

    @Override
    public void close() throws Exception {
        try {
            if (migrator != null) {
                migrator.close();
            } else {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing a connection the server already dropped
        } finally {
            if (devDatabase != null) {
                devDatabase.close();
            }
        }
    }
}
