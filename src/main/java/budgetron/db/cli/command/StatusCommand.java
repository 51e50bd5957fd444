package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.operation.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "status",
        description = {"List the changesets not yet applied. Changes nothing.",
                "Exit code 0 whether or not some are pending; 1 when the history disagrees with the changelog."})
public class StatusCommand extends DatabaseCommand {
    @Option(names = "--json", description = "Print one JSON document: {upToDate, database, applied, pending[{id,author,file}], drizzleOnly}.")
    boolean json;

    @Override
    public Integer call() {
        BudgetronDb api = api();
        Status.Result status = api.status();
        PrintWriter out = out();
        if (json) {
            Json.print(out, Json.object("upToDate", status.upToDate(), "database", api.database(), "applied", status.applied(),
                    "pending", status.pending(), "drizzleOnly", status.drizzleOnly()));
        } else if (status.drizzleOnly()) {
            out.println("This database was built by Drizzle and has no Liquibase history yet: "
                    + "`budgetron-db adopt --dry-run` shows what migrate will record.");
        } else if (status.pending().isEmpty()) {
            out.println("Up to date: " + status.applied() + " changesets applied, none pending.");
        } else {
            out.println(status.pending().size() + " pending (" + status.applied() + " applied):");
            status.pending().forEach(cs -> out.println("  " + cs.id() + "  (" + cs.file() + ")"));
        }
        return 0;
    }
}
