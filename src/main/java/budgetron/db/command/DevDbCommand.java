package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.devdb.DevDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "dev-db", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Run the embedded development database in the foreground until Ctrl-C, for the app or a SQL client.",
                "Its data stays in .budgetron/dev-db/. `budgetron-db --env development` commands without DB_URL use it."})
public class DevDbCommand implements Callable<Integer> {
    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".", description = "The project (default: the current directory).")
    Path projectDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DevDatabase.PORT, description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DevDatabase dev = DevDatabase.ensureRunning(projectDir, port);
        if (!dev.startedHere()) {
            spec.commandLine().getOut().println("A development database is already running at " + dev.url());
            return 0;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dev.close();
            stop.countDown();
        }));
        spec.commandLine().getOut().println("Development database running at " + dev.url() + " (data in "
                + DevDatabase.dataDir(projectDir) + "). Set DB_URL to that for the app; Ctrl-C stops it.");
        spec.commandLine().getOut().flush();
        stop.await();
        return 0;
    }
}
