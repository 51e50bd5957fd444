package budgetron.db.generate;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.config.EnvDriver;
import budgetron.db.config.Environment;
import budgetron.db.config.Secrets;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes `mvn liquibase:diff` Budgetron's diff. The plugin's diff goal compares a "reference"
 * database with the target; pom.xml names this driver for the reference, with the marker URL
 * jdbc:budgetron-diff:ENV?dir=…&name=…&dropAndAdd=…. On connect it runs the entity diff
 * (Generator: shadow database, catalog comparison, one new changelog file), then hands Liquibase
 * a connection to the target itself, so that Liquibase's own diff, which Budgetron does not use,
 * finds nothing to add.
 */
public class DiffDriver extends EnvDriver {
    public static final String DIFF_PREFIX = "jdbc:budgetron-diff:";
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();
    /** Held so that java.util.logging does not forget the level (it keeps loggers weakly). */
    private static final java.util.logging.Logger HIBERNATE_LOG = java.util.logging.Logger.getLogger("org.hibernate");

    static {
        try {
            DriverManager.registerDriver(new DiffDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(DIFF_PREFIX);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String spec = url.substring(DIFF_PREFIX.length());
        Map<String, String> params = params(spec);
        String envName = environmentName(spec);
        Path dir = projectDir(params);
        try {
            Environment environment = Environment.parse(envName);
            DbUrl target = target(environment, dir);
            if (DONE.add(url)) { // the plugin may connect more than once: generate once
                HIBERNATE_LOG.setLevel(java.util.logging.Level.SEVERE);
                PrintWriter out = new PrintWriter(System.out, true);
                out.println("[budgetron] Comparing the entities with " + target + " (" + environment.label() + ")");
                Generator.generate(target, dir, unset(params.get("name")), Boolean.parseBoolean(unset(params.get("dropAndAdd"))), out);
            }
            return new EnvDriver().connect(EnvDriver.PREFIX + envName + "?dir=" + dir, info);
        } catch (ConfigException e) {
            throw new SQLException(e.getMessage(), "08001");
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("The entity diff failed: " + Secrets.redact(String.valueOf(e.getMessage())), e);
        }
    }

    /** Maven leaves ${diff.name} as it is when the property is not set. */
    private static String unset(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
