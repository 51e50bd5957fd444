package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Check that the changelog parses and that no applied changeset was edited or is unknown to it. Changes nothing.")
public class ValidateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--json", description = "Print one JSON document: {valid, database, error}; exit code 1 when not valid.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Target target = db.open(false, spec.commandLine().getErr())) {
            String error = null;
            // every changeset applied with the checksum computed from these very files: valid, without Liquibase
            if (!db.upToDate(target)) {
                try {
                    Guards.historyMatches(target.migrator());
                    target.migrator().validate();
                } catch (Exception e) {
                    if (!json) {
                        throw e;
                    }
                    error = Secrets.redact(Main.describe(e));
                }
            }
            if (json) {
                Json.print(spec.commandLine().getOut(), Json.object("valid", error == null, "database", target.url().toString(), "error", error));
            } else {
                spec.commandLine().getOut().println("Valid: the changelog parses and the history matches it.");
            }
            return error == null ? 0 : 1;
        }
    }
}
