package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.Migrator;
import liquibase.changelog.ChangeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"List the changesets not yet applied. Changes nothing.",
                "Exit code 0 whether or not some are pending; 1 when the history disagrees with the changelog."})
public class StatusCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--json", description = "Print one JSON document: {upToDate, database, applied, pending[{id,author,file}], drizzleOnly}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Target target = db.open(true, spec.commandLine().getErr())) {
            if (Guards.drizzleOnly(target)) {
                if (json) {
                    Json.print(out, Json.object("upToDate", false, "database", target.url().toString(), "applied", 0,
                            "pending", List.of(), "drizzleOnly", true));
                    return 0;
                }
                out.println("This database was built by Drizzle and has no Liquibase history yet: "
                        + "`budgetron-db adopt --dry-run` shows what migrate will record.");
                return 0;
            }
            // up to date by the one-query check: the answer without parsing the whole changelog (long histories)
            if (db.upToDate(target)) {
                return report(out, target, List.of(), ChangelogIndex.find(target.changelog(), db.projectDir).changesets().size());
            }
            Migrator migrator = target.migrator();
            Guards.historyMatches(migrator);
            List<ChangeSet> pending = migrator.pending();
            return report(out, target, pending, migrator.applied().size());
        }
    }

    private int report(PrintWriter out, Target target, List<ChangeSet> pending, int applied) {
        if (json) {
            Json.print(out, Json.object("upToDate", pending.isEmpty(), "database", target.url().toString(), "applied", applied,
                    "pending", pending.stream().map(cs -> Json.object("id", cs.getId(), "author", cs.getAuthor(), "file", cs.getFilePath())).toList(),
                    "drizzleOnly", false));
            return 0;
        }
        if (pending.isEmpty()) {
            out.println("Up to date: " + applied + " changesets applied, none pending.");
        } else {
            out.println(pending.size() + " pending (" + applied + " applied):");
            pending.forEach(cs -> out.println("  " + cs.getId() + "  (" + cs.getFilePath() + ")"));
        }
        return 0;
    }
}
