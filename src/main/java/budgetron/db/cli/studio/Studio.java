package budgetron.db.cli.studio;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.config.ProcessOwner;
import budgetron.db.config.Progress;
import budgetron.db.liquibase.Changelog;

import java.io.IOException;
import java.net.BindException;

/** A running studio: its connection pool, its API and its HTTP server, closed together. */
public final class Studio implements AutoCloseable {
    private final StudioAccess access;
    private final StudioServer server;
    private final String host;

    private Studio(StudioAccess access, StudioServer server, String host) {
        this.access = access;
        this.server = server;
        this.host = host;
    }

    public static Studio start(DbUrl url, boolean readOnly, String environment, Changelog changelog, String host, int port) {
        return start(url, readOnly, environment, changelog, host, port, Progress.SILENT);
    }

    public static Studio start(DbUrl url, boolean readOnly, String environment, Changelog changelog, String host, int port, Progress say) {
        StudioAccess access = StudioAccess.open(url, !readOnly, say);
        try {
            StudioServer server = new StudioServer(host, port, new StudioApi(access, readOnly, environment, url, changelog));
            server.start();
            return new Studio(access, server, host);
        } catch (BindException e) {
            access.close();
            throw new ConfigException("Port " + port + " on " + host + " is taken: stop what uses it, or pass --port N "
                    + "(--port 0 picks a free one).");
        } catch (IOException e) {
            access.close();
            throw new ConfigException("Cannot serve the studio on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** The address to open, token included: on a wildcard address, the machine's name, which the Host check accepts. */
    public String address() {
        String shown = StudioServer.wildcard(host) ? ProcessOwner.host() : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + server.port() + "/?token=" + server.token();
    }

    public int port() {
        return server.port();
    }

    public String token() {
        return server.token();
    }

    /** What the studio may do, and as whom ("read-only as budgetron_studio_… (pg_read_all_data)"). */
    public String access() {
        return access.description();
    }

    @Override
    public void close() {
        server.close();
        access.close();
    }
}
