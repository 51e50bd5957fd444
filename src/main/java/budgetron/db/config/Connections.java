package budgetron.db.config;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens JDBC connections and turns PostgreSQL's refusals into one-line messages that say what to
 * do. Waiting (--wait-seconds, Docker's MAX_WAIT) retries only what may heal by itself: a server
 * that is not up yet.
 */
public final class Connections {
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private Connections() {
    }

    public static Connection open(DbUrl url) throws SQLException {
        Connection c = DRIVER.connect(url.jdbcUrl(), withTimeouts(url));
        if (c == null) {
            throw new SQLException("pgjdbc did not accept " + url);
        }
        return c;
    }

    private static java.util.Properties withTimeouts(DbUrl url) {
        java.util.Properties props = url.connectionProperties();
        props.putIfAbsent("connectTimeout", "10");
        props.putIfAbsent("ApplicationName", "budgetron-db");
        return props;
    }

    /** Opens a connection, retrying for up to waitSeconds while the server is unreachable. */
    public static Connection open(DbUrl url, int waitSeconds) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Math.max(0, waitSeconds)));
        while (true) {
            try {
                return open(url);
            } catch (SQLException e) {
                boolean mayHeal = isUnreachable(e) || "57P03".equals(e.getSQLState()); // 57P03: starting up
                if (!mayHeal || Instant.now().isAfter(deadline)) {
                    throw new ConfigException(explain(url, e, waitSeconds));
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConfigException("Interrupted while waiting for the database at " + url.host() + ":" + url.port() + ".");
                }
            }
        }
    }

    private static boolean isUnreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        // pgjdbc's 08001 also covers settings it refuses (sslmode=bogus): only a network failure is "unreachable"
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String explain(DbUrl url, SQLException e, int waitSeconds) {
        String where = url.host() + ":" + url.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (rootCause(e) instanceof UnknownHostException) {
            return "Unknown database host '" + url.host() + "': check the host name in DB_URL.";
        }
        switch (state) {
            case "28P01":
                return "The database at " + where + " refused the password of user '" + url.user() + "': check the user and password in DB_URL.";
            case "28000":
                return "The database at " + where + " does not let user '" + url.user() + "' in: check the user in DB_URL and the server's pg_hba.conf.";
            case "3D000":
                return "Database '" + url.database() + "' does not exist on " + where + ": create it (createdb " + url.database()
                        + ") or fix the database name in DB_URL.";
            default:
                break;
        }
        if (isUnreachable(e)) {
            return "Cannot reach PostgreSQL at " + where + (waitSeconds > 0 ? " after waiting " + waitSeconds + " s" : "")
                    + ": is the server running and DB_URL's host and port right? (--wait-seconds N waits for it to come up)";
        }
        return "Cannot connect to the database at " + where + ": " + Errors.firstLine(e.getMessage())
                + (e.getMessage() != null && e.getMessage().contains("sslmode") ? " (sslmode takes disable, allow, prefer, require, verify-ca "
                + "or verify-full)" : "") + ".";
    }
}
