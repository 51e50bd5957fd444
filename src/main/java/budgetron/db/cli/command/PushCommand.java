package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.config.Rules;
import budgetron.db.generate.Change;
import budgetron.db.operation.Push;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "push",
        description = {"Development only, for prototyping (like drizzle-kit push): apply the difference between the entities and "
                + "the development database directly, without writing a changeset. Refused in production.",
                "The history then no longer describes the schema: write the changeset with `generate` against a database that "
                        + "has not been pushed, or re-sync with `patch` once the changelog has it."})
public class PushCommand extends DatabaseCommand {
    @Option(names = "--accept-data-loss", description = "Also apply changes that drop tables or columns with their data.")
    boolean acceptDataLoss;

    @Option(names = "--drop-and-add", description = "Emit drop + add where a rename looks likely (the dropped data is lost).")
    boolean dropAndAdd;

    @Override
    public Integer call() {
        Rules.pushAllowed(db.project().environment()); // before connecting
        Push.Result result = api().push(acceptDataLoss, dropAndAdd);
        PrintWriter out = out();
        if (result.changes().isEmpty()) {
            out.println("No changes: the entities match the database.");
            return 0;
        }
        result.changes().stream().map(Change::title).forEach(t -> out.println("  " + t));
        out.println("Pushed " + result.changes().size() + " changes. No changeset was written: run `generate` before you commit.");
        return 0;
    }
}
