package budgetron.db.maven;

import budgetron.db.api.BudgetronDb;
import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Errors;
import budgetron.db.config.Project;
import budgetron.db.generate.Generator;

import java.io.PrintWriter;
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
 * jdbc:budgetron-diff:ENV?dir=…&name=…&dropAndAdd=…. On connect it runs what `budgetron-db
 * generate` runs (BudgetronDb.generate: the project's entities from target/classes, checked fresh,
 * against the same database, one new changelog file), then hands Liquibase a connection to the
 * target itself, so that Liquibase's own diff, which Budgetron does not use, finds nothing to add.
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
        String envSpec = environmentName(spec) + "?dir=" + projectDir(params);
        try {
            if (DONE.add(url)) { // the plugin may connect more than once: generate once
                HIBERNATE_LOG.setLevel(java.util.logging.Level.SEVERE);
                Project project = project(envSpec);
                DbUrl target = target(project);
                // the embedded development database, if that is the target, was started for this Maven run: name it as such
                Project onTarget = Project.at(project.dir()).environment(project.environment().label(), "the Maven profile")
                        .dbUrl(target, project.hasDbUrl() ? project.dbUrlSetting().origin() : "the embedded development database").load();
                PrintWriter out = new PrintWriter(System.out, true);
                out.println("[budgetron] Comparing the entities with " + target + " (" + project.environment().label() + ")");
                BudgetronDb api = BudgetronDb.forProject(onTarget).progress(line -> out.println("[budgetron] " + line));
                Generator.Result result = api.generate(unset(params.get("name")), Boolean.parseBoolean(unset(params.get("dropAndAdd"))));
                result.lines(project.dir(), target.toString()).forEach(out::println);
            }
            return new EnvDriver().connect(EnvDriver.PREFIX + envSpec, info);
        } catch (ConfigException e) {
            throw new SQLException(e.getMessage(), "08001");
        } catch (RuntimeException e) {
            throw new SQLException("The entity diff failed: " + Errors.describe(e), e);
        }
    }

    /** Maven leaves ${diff.name} as it is when the property is not set. */
    private static String unset(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
