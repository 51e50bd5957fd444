package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.drift.Drift;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "drift",
        description = {"Does the database still match its history? Builds what its applied changesets give in a scratch database and "
                + "compares: enum types and labels, tables, columns, types, defaults, nullability, constraints, indexes, sequences, views, "
                + "functions, triggers, row-level security and policies changed outside the changelog (by hand, or by push). Changes nothing.",
                "Each difference on a line (- what the history builds, + what the database has), then the SQL that would bring the "
                        + "database back in line, as a suggestion only: it is never applied.",
                "Exit codes: 0 no drift, 1 drift (or an error), 2 usage error."})
public class DriftCommand extends DatabaseCommand {
    @Option(names = "--json", description = "Print one JSON document: {drift, database, applied, differences[], suggestions[{change,sql[]}]}.")
    boolean json;

    @Override
    public Integer call() {
        BudgetronDb api = api();
        Drift drift = api.drift();
        PrintWriter out = out();
        int applied = drift.applied();
        if (json) {
            Json.print(out, Json.object("drift", drift.drifted(), "database", api.database(), "applied", applied,
                    "differences", drift.differences(),
                    "suggestions", drift.suggestions().stream().map(c -> Json.object("change", c.title(), "sql", c.sql())).toList()));
        } else if (!drift.drifted()) {
            out.println("No drift: the database matches what its " + applied + " applied changesets build.");
        } else {
            out.println("Drift: the database differs from what its " + applied + " applied changesets build (- history, + database):");
            drift.differences().forEach(d -> out.println("  " + d));
            out.println("Suggested SQL to bring it back in line (not applied; review it, or record the change in a new changeset "
                    + "instead with budgetron-db generate):");
            drift.suggestions().forEach(c -> {
                out.println("  -- " + c.title() + (c.destructive() ? " [" + c.warning() + "]" : ""));
                List<String> sql = c.sql();
                sql.forEach(s -> s.lines().forEach(line -> out.println("  " + line))); // a view's or function's body spans lines
            });
        }
        return drift.drifted() ? 1 : 0;
    }
}
