package budgetron.db.devdb;

import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The development database used when development has no DB_URL: an embedded PostgreSQL whose data
 * lives in .budgetron/dev-db/ of the project, on a fixed port so that the app and SQL clients can
 * find it. If `budgetron-db dev-db` is already serving it, commands connect to that one.
 */
public final class DevDatabase implements AutoCloseable {
    public static final int PORT = 54329;
    public static final String DATABASE = "budgetron";

    private final EmbeddedPostgres server;
    private final DbUrl url;

    private DevDatabase(EmbeddedPostgres server, DbUrl url) {
        this.server = server;
        this.url = url;
    }

    public static DbUrl urlOn(int port) {
        return DbUrl.parse("postgres://postgres@localhost:" + port + "/" + DATABASE);
    }

    public static Path dataDir(Path projectDir) {
        return (projectDir == null ? Path.of(".") : projectDir).resolve(".budgetron").resolve("dev-db");
    }

    /** The embedded server's library is optional for applications that use the entities and migrate only. */
    public static boolean available() {
        return budgetron.db.schema.ScratchDatabase.embeddedAvailable();
    }

    /** Connects to a running dev database, or starts one; close() stops it only if this call started it. */
    public static DevDatabase ensureRunning(Path projectDir, int port) {
        DbUrl url = urlOn(port);
        try (Connection ignored = Connections.open(url)) {
            return new DevDatabase(null, url);
        } catch (SQLException e) {
            // not running: start it below
        }
        try {
            Path data = dataDir(projectDir);
            Files.createDirectories(data.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
            return new DevDatabase(pg, url);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the embedded development database in " + dataDir(projectDir)
                    + " on port " + port + ": " + e.getMessage() + " (is another program using the port?)", e);
        }
    }

    public DbUrl url() {
        return url;
    }

    public boolean startedHere() {
        return server != null;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the server is stopping with this process anyway
            }
        }
    }
}
