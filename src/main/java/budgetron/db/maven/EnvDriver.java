package budgetron.db.maven;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.config.LockRetries;
import budgetron.db.config.Progress;
import budgetron.db.config.Project;
import budgetron.db.config.Rules;
import budgetron.db.devdb.DevDatabase;
import budgetron.db.liquibase.MavenGoalGuard;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The JDBC driver that the Liquibase Maven goals are configured with. The Liquibase Maven plugin
 * cannot expand ${DB_URL} nor read .env files, so pom.xml gives it the marker URL
 * jdbc:budgetron:ENVIRONMENT?dir=PROJECT_DIR, and this driver reads that project exactly as the
 * CLI does (Project, once per Maven run), connects through pgjdbc, and marks the connection for the
 * production rules of the goals that undo things (MavenGoalGuard). The real URL, and so the
 * password, never reaches Maven's log.
 */
public class EnvDriver implements Driver {
    public static final String PREFIX = "jdbc:budgetron:";
    private static final Map<String, Project> PROJECTS = new ConcurrentHashMap<>();
    private static final Progress MAVEN_LOG = line -> System.out.println("[budgetron] " + line);
    private static DevDatabase devDatabase;

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
        try {
            Project project = project(url.substring(PREFIX.length()));
            LockRetries.use(project, MAVEN_LOG);
            DbUrl target = target(project);
            Connection c = postgres.connect(target.jdbcUrl(), properties(target, info));
            MavenGoalGuard.guard(c, project.environment());
            return c;
        } catch (ConfigException e) {
            throw new SQLException(e.getMessage(), "08001");
        }
    }

    /** The project a marker URL's "ENV?dir=…" names, read once per Maven run. */
    protected static Project project(String spec) {
        Project p = PROJECTS.computeIfAbsent(spec, s -> Project.at(projectDir(params(s))).environment(environmentName(s), "the Maven profile").load());
        last = p;
        return p;
    }

    private static volatile Project last;

    /** The project of this Maven run's database connection (MavenBackups reads its backup setting); null before one was made. */
    static Project lastProject() {
        return last;
    }

    private static Properties properties(DbUrl dbUrl, Properties info) {
        Properties props = dbUrl.connectionProperties();
        // Liquibase passes the (empty) user and password of its own configuration: the URL's win.
        if (info != null) {
            info.forEach((k, v) -> {
                if (v != null && !v.toString().isEmpty()) {
                    props.putIfAbsent(k, v);
                }
            });
        }
        return props;
    }

    /**
     * The database a Maven goal works on: DB_URL as the CLI resolves it; in development without any
     * (Rules), the CLI's embedded development database, joined if it is running, else started for
     * this Maven run and stopped when it ends.
     */
    protected static synchronized DbUrl target(Project project) {
        if (!Rules.embeddedDatabase(project)) {
            if (!project.hasDbUrl()) {
                throw new ConfigException(project.noDatabase(null) + (project.environment().isProduction() ? " (mvn -Pdev does)" : ""));
            }
            return project.dbUrl();
        }
        if (devDatabase == null) {
            DevDatabase dev = DevDatabase.ensureRunning(project.dir(), project.devDbPort());
            devDatabase = dev;
            MAVEN_LOG.say("No DB_URL for development: using the embedded development database " + dev.url()
                    + (dev.startedHere() ? " (started for this goal, data in " + DevDatabase.dataDir(project.dir()) + ")" : " (already running)"));
            if (dev.startedHere()) {
                Runtime.getRuntime().addShutdownHook(new Thread(dev::close, "budgetron-dev-db-stop"));
            }
        }
        return devDatabase.url();
    }

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
