package budgetron.db.command;

import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Environment;
import budgetron.db.config.Settings;
import budgetron.db.devdb.DevDatabase;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.UpToDate;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;

/** The options every database command takes, and the one way they turn into a connection. */
public class DatabaseOptions {
    @Option(names = "--env", paramLabel = "ENV",
            description = "production (default: liquibase.properties, .env) or development (liquibase.development.properties, "
                    + ".env.development). BUDGETRON_ENV sets it too.")
    String env;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "The database, as postgres://user:password@host:5432/db (also postgresql:// or jdbc:postgresql://). "
                    + "Default: DB_URL from the environment, else from the .env file, else db-url in the properties file.")
    String dbUrl;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where .env, the properties files and changelog/ are (default: the current directory). "
                    + "Without changelog/ there, the changelog packed in the jar is used.")
    Path projectDir;

    @Option(names = "--wait-seconds", paramLabel = "N", defaultValue = "0",
            description = "Wait up to N seconds for the database to accept connections (default 0: fail at once).")
    int waitSeconds;

    @Option(names = "--verbose", description = "Print Liquibase's log and the stack trace of errors.")
    boolean verbose;

    public Environment environment() {
        String chosen = env != null ? env : System.getenv("BUDGETRON_ENV");
        return chosen == null || chosen.isBlank() ? Environment.PRODUCTION : Environment.parse(chosen);
    }

    public Settings settings() {
        return Settings.resolve(environment(), projectDir, dbUrl, System.getenv());
    }

    public Changelog changelog() {
        return Changelog.in(projectDir);
    }

    /** The one-query "every changeset applied, nothing else" check (UpToDate) for this target and project. */
    boolean upToDate(Target target) {
        return UpToDate.check(target.connection(), ChangelogIndex.find(target.changelog(), projectDir));
    }

    /**
     * Connects to the chosen database and says which one on stderr (stdout stays for results).
     * In development without any DB_URL, the embedded development database is used when allowed.
     */
    public Target open(boolean embeddedAllowed, PrintWriter err) {
        Settings settings = settings();
        Settings.applyLockRetries(settings.environment(), projectDir);
        Environment environment = settings.environment();
        if (!settings.hasDbUrl() && embeddedAllowed && !environment.isProduction()) {
            DevDatabase dev = DevDatabase.ensureRunning(projectDir, DevDatabase.PORT);
            err.println("Database: " + dev.url() + " (embedded development database, data in "
                    + DevDatabase.dataDir(projectDir) + ")");
            return new Target(environment, dev.url(), Connections.open(dev.url(), waitSeconds), changelog(), dev);
        }
        DbUrl url = settings.dbUrl();
        err.println("Database: " + url + " (" + environment.label() + ", from " + settings.source() + ")");
        err.flush();
        Connection c = Connections.open(url, waitSeconds);
        return new Target(environment, url, c, changelog(), null);
    }
}
