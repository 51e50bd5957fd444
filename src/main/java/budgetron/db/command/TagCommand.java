package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.liquibase.AdvisoryLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "tag", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Tag the database's current state (the last applied changeset), as a point for `rollback --tag`.")
public class TagCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Parameters(paramLabel = "TAG", description = "The tag, for example release-2025-07.")
    String tag;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Target target = db.open(false, spec.commandLine().getErr()); AdvisoryLock lock = target.lock()) {
            target.migrator().tag(tag);
            spec.commandLine().getOut().println("Tagged the current state as '" + tag + "'.");
            return 0;
        }
    }
}
