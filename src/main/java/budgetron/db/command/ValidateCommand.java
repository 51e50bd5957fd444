package budgetron.db.command;

import budgetron.db.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Check that the changelog parses and that no applied changeset was edited or is unknown to it. Changes nothing.")
public class ValidateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Target target = db.open(false, spec.commandLine().getErr())) {
            Guards.historyMatches(target.migrator());
            target.migrator().validate();
            spec.commandLine().getOut().println("Valid: the changelog parses and the history matches it.");
            return 0;
        }
    }
}
