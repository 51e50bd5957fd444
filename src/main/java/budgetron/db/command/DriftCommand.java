package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.ConfigException;
import budgetron.db.drift.Drift;
import budgetron.db.liquibase.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "drift", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Does the database still match its history? Builds what its applied changesets give in a scratch database and "
                + "compares: enum types and labels, tables, columns, types, defaults, nullability, constraints, indexes, sequences, views, "
                + "functions, triggers, row-level security and policies changed outside the changelog (by hand, or by push). Changes nothing.",
                "Each difference on a line (- what the history builds, + what the database has), then the SQL that would bring the "
                        + "database back in line, as a suggestion only: it is never applied.",
                "Exit codes: 0 no drift, 1 drift (or an error), 2 usage error."})
public class DriftCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--json", description = "Print one JSON document: {drift, database, applied, differences[], suggestions[{change,sql[]}]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Target target = db.open(true, spec.commandLine().getErr())) {
            if (Guards.drizzleOnly(target)) {
                throw new ConfigException("This database was built by Drizzle and has no Liquibase history yet: "
                        + "`budgetron-db adopt --dry-run` compares it with the Drizzle history it records.");
            }
            Migrator migrator = target.migrator();
            Guards.historyMatches(migrator);
            int applied = migrator.applied().size();
            Drift drift = Drift.of(target.connection(), target.url(), target.changelog(), applied);
            if (json) {
                Json.print(out, Json.object("drift", drift.drifted(), "database", target.url().toString(), "applied", applied,
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
}
