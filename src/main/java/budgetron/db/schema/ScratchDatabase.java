package budgetron.db.schema;

import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database to build "what the changelog gives" in, for comparing with a live one:
 * a temporary database on the same server when the user may create one (same version, same
 * extensions), else an embedded PostgreSQL. Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final DbUrl url;
    private final DbUrl server;
    private final EmbeddedPostgres embedded;

    private ScratchDatabase(DbUrl url, DbUrl server, EmbeddedPostgres embedded) {
        this.url = url;
        this.server = server;
        this.embedded = embedded;
    }

    public static ScratchDatabase beside(DbUrl live) {
        String name = "budgetron_scratch_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = Connections.open(live); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            return new ScratchDatabase(live.withDatabase(name), live, null);
        } catch (SQLException e) {
            return embedded();
        }
    }

    public static ScratchDatabase embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new ScratchDatabase(DbUrl.parse("postgres://postgres@localhost:" + pg.getPort() + "/postgres"), null, pg);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start an embedded PostgreSQL for a scratch database: " + e.getMessage(), e);
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
            } else {
                try (Connection c = Connections.open(server); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
                }
            }
        } catch (IOException | SQLException e) {
            // a leftover scratch database is harmless and named as such
        }
    }
}
