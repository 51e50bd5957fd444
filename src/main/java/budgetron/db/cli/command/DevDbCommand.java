package budgetron.db.cli.command;

import budgetron.db.cli.BaseCommand;
import budgetron.db.config.Project;
import budgetron.db.devdb.DevDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

@Command(name = "dev-db",
        description = {"Run the embedded development database in the foreground until Ctrl-C, for the app or a SQL client.",
                "Its data stays in .budgetron/dev-db/. `budgetron-db --env development` commands without DB_URL use it."})
public class DevDbCommand extends BaseCommand {
    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".", description = "The project (default: the current directory).")
    Path projectDir;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on (default: dev-db-port of liquibase.development.properties, else " + DevDatabase.PORT + ").")
    Integer port;

    @Override
    public Integer call() throws Exception {
        int listen = port != null ? port : Project.at(projectDir).environment("development", "dev-db").load().devDbPort();
        DevDatabase dev = DevDatabase.ensureRunning(projectDir, listen);
        if (!dev.startedHere()) {
            out().println("A development database is already running at " + dev.url());
            return 0;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dev.close();
            stop.countDown();
        }));
        out().println("Development database running at " + dev.url() + " (data in "
                + DevDatabase.dataDir(projectDir) + "). Set DB_URL to that for the app; Ctrl-C stops it.");
        out().flush();
        stop.await();
        return 0;
    }
}
