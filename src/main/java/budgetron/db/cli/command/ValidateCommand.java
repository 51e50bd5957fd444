package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.config.ConfigException;
import budgetron.db.operation.Validate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate",
        description = "Check that the changelog parses and that no applied changeset was edited or is unknown to it. Changes nothing.")
public class ValidateCommand extends DatabaseCommand {
    @Option(names = "--json", description = "Print one JSON document: {valid, database, error}; exit code 1 when not valid.")
    boolean json;

    @Override
    public Integer call() {
        BudgetronDb api = api();
        Validate.Result result = api.validate();
        if (json) {
            Json.print(out(), Json.object("valid", result.valid(), "database", api.database(), "error", result.error()));
            return result.valid() ? 0 : 1;
        }
        if (!result.valid()) {
            throw new ConfigException(result.error());
        }
        out().println("Valid: the changelog parses and the history matches it.");
        return 0;
    }
}
