package budgetron.db.config;

import budgetron.db.devdb.DevDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver that the Liquibase Maven goals are configured with. The Liquibase Maven plugin
 * cannot expand ${DB_URL} nor read .env files, so pom.xml gives it the marker URL
 * jdbc:budgetron:ENVIRONMENT?dir=PROJECT_DIR and this driver resolves DB_URL the same way the
 * budgetron-db command does (Settings), then connects through pgjdbc. The real URL, and so the
 * password, never reaches Maven's log.
 */
public class EnvDriver implements Driver {
    public static final String PREFIX = "jdbc:budgetron:";

    static {
        try {
            DriverManager.registerDriver(new EnvDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final org.postgresql.Driver postgres = new org.postgresql.Driver();

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String spec = url.substring(PREFIX.length());
        Map<String, String> params = params(spec);
        Environment environment;
        try {
            environment = Environment.parse(environmentName(spec));
        } catch (ConfigException e) {
            throw new SQLException(e.getMessage());
        }
        Path dir = projectDir(params);
        DbUrl dbUrl;
        try {
            Settings.applyLockRetries(environment, dir);
            dbUrl = target(environment, dir);
        } catch (ConfigException e) {
            throw new SQLException(e.getMessage(), "08001");
        }
        Properties props = dbUrl.connectionProperties();
        // Liquibase passes the (empty) user and password of its own configuration: the URL's win.
        if (info != null) {
            info.forEach((k, v) -> {
                if (v != null && !v.toString().isEmpty()) {
                    props.putIfAbsent(k, v);
                }
            });
        }
        return postgres.connect(dbUrl.jdbcUrl(), props);
    }

    /**
     * The database a Maven goal works on: DB_URL as the CLI resolves it; in development without any,
     * the CLI's embedded development database (.budgetron/dev-db), joined if it is running, else
     * started for this Maven run and stopped when it ends. Production never embeds.
     */
    protected static synchronized DbUrl target(Environment environment, Path dir) {
        Settings settings = Settings.resolve(environment, dir, null, System.getenv());
        if (settings.hasDbUrl() || environment.isProduction()) {
            return settings.dbUrlForMaven();
        }
        if (devDatabase == null) {
            DevDatabase dev = DevDatabase.ensureRunning(dir, DevDatabase.PORT);
            devDatabase = dev;
            System.out.println("[budgetron] No DB_URL for development: using the embedded development database " + dev.url()
                    + (dev.startedHere() ? " (started for this goal, data in " + DevDatabase.dataDir(dir) + ")" : " (already running)"));
            if (dev.startedHere()) {
                Runtime.getRuntime().addShutdownHook(new Thread(dev::close, "budgetron-dev-db-stop"));
            }
        }
        return devDatabase.url();
    }

    private static DevDatabase devDatabase;

    /** "ENV" of a marker URL's "ENV?key=value&...". */
    protected static String environmentName(String spec) {
        int q = spec.indexOf('?');
        return q < 0 ? spec : spec.substring(0, q);
    }

    /**
     * The key=value pairs after the '?' of a marker URL. pom.xml writes the values as they are (a path
     * with '+' or '%' included), so they are not percent-decoded.
     */
    protected static Map<String, String> params(String spec) {
        Map<String, String> params = new HashMap<>();
        int q = spec.indexOf('?');
        if (q >= 0) {
            for (String pair : spec.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return params;
    }

    /** The project folder a marker URL names (dir=...), else the working directory. */
    protected static Path projectDir(Map<String, String> params) {
        return Path.of(params.getOrDefault("dir", System.getProperty("user.dir")));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
