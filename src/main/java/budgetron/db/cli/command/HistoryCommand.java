package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.operation.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

@Command(name = "history",
        description = "List the applied changesets, oldest first, with when they ran and any tag. Changes nothing.")
public class HistoryCommand extends DatabaseCommand {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Print one JSON document: {database, applied[{id,author,file,executedAt,execType,tag,checksum}]}.")
    boolean json;

    @Override
    public Integer call() {
        BudgetronDb api = api();
        History.Result history = api.history();
        PrintWriter out = out();
        if (json) {
            Json.print(out, Json.object("database", api.database(), "applied", history.applied().stream().map(e -> Json.object(
                    "id", e.changeset().id(), "author", e.changeset().author(), "file", e.changeset().file(),
                    "executedAt", e.executedAt().toString(), "execType", e.execType(), "tag", e.tag(), "checksum", e.checksum())).toList()));
            return 0;
        }
        if (history.applied().isEmpty()) {
            out.println("No changesets applied.");
        }
        for (History.Entry e : history.applied()) {
            out.println(WHEN.format(e.executedAt()) + "  " + e.execType() + "  " + e.changeset().id() + "  (" + e.changeset().file() + ")"
                    + (e.tag() == null ? "" : "  tag " + e.tag()));
        }
        return 0;
    }
}
