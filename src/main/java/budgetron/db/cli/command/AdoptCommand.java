package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.operation.Adopt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "adopt",
        description = {"Take over a database that Drizzle built: record the changesets Drizzle already applied, without running them.",
                "Checks first that every row of __drizzle_migrations is one of Budgetron's migrations, in order, and that the schema "
                        + "is the state they leave; otherwise refuses and changes nothing. Drizzle's table is left as it is.",
                "`migrate` does this by itself; adopt is for doing it alone, or seeing the plan with --dry-run."})
public class AdoptCommand extends DatabaseCommand {
    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Adopt.Result result = api().adopt(dryRun);
        PrintWriter out = out();
        if (result.alreadyAdopted()) {
            out.println("Already adopted: this database has a Liquibase history. `budgetron-db status` shows what is pending.");
        } else if (!result.recorded()) {
            out.println(result.plan().describe());
            out.println("Dry run: nothing was recorded.");
        } else {
            out.println("Recorded " + result.plan().toRecord().size() + " changesets as applied. `budgetron-db migrate` applies the rest.");
        }
        return 0;
    }
}
