package budgetron.db.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
        int q = spec.indexOf("?dir=");
        Environment environment;
        try {
            environment = Environment.parse(q < 0 ? spec : spec.substring(0, q));
        } catch (ConfigException e) {
            throw new SQLException(e.getMessage());
        }
        Path dir = Path.of(q < 0 ? System.getProperty("user.dir") : spec.substring(q + "?dir=".length()));
        DbUrl dbUrl;
        try {
            dbUrl = Settings.resolve(environment, dir, null, System.getenv()).dbUrl();
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
