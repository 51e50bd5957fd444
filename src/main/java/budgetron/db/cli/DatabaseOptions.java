package budgetron.db.cli;

import budgetron.db.api.BudgetronDb;
import budgetron.db.config.Project;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The options every database command takes, turned into the one Project that everything below reads. */
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
    Path projectDir = Path.of(".");

    @Option(names = "--wait-seconds", paramLabel = "N", defaultValue = "0",
            description = "Wait up to N seconds for the database to accept connections (default 0: fail at once).")
    int waitSeconds;

    @Option(names = "--verbose", description = "Print Liquibase's log and the stack trace of errors.")
    boolean verbose;

    private Project project;

    /** Read once: the properties and env files are parsed here and nowhere else. */
    public Project project() {
        if (project == null) {
            project = Project.at(projectDir).environment(env, "--env").dbUrl(dbUrl).waitSeconds(waitSeconds).load();
        }
        return project;
    }

    public BudgetronDb api(PrintWriter err) {
        return BudgetronDb.forProject(project()).progress(line -> {
            err.println(line);
            err.flush();
        });
    }
}
