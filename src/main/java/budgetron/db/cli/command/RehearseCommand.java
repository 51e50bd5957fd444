package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.rehearse.RehearsalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "rehearse",
        description = {"Try the pending changesets on a copy of the database before migrate meets the real one.",
                "Copies the schema and the rows (COPY protocol, one read-only snapshot: nothing is written to the database, no lock is taken) "
                        + "into a scratch database on the same server (or --into's), applies every pending changeset there as migrate "
                        + "would, backups included, and reports for each: its duration, the table locks it took and how long it held them, "
                        + "the tables it rewrote, rows before and after, or why it failed and how many rows are in the way, with one's key. "
                        + "Then rolls them back, checks the schema is what it was, applies them again, and drops the copy.",
                "Exit code 0 when every pending changeset applies, rolls back cleanly and applies again; 1 otherwise."})
public class RehearseCommand extends DatabaseCommand {
    @Option(names = "--sample", paramLabel = "N", description = "Copy at most N rows a table, foreign keys kept (parents first); default: every row.")
    Long sample;

    @Option(names = "--into", paramLabel = "URL", description = "Make the copy on this server (postgres://… of a user who may create databases) "
            + "instead of the database's own.")
    String into;

    @Option(names = "--json", description = "Print the report as one JSON document: {ok, copy{…}, pending, changesets[{id,file,millis,locks[{mode,table,heldMillis}],"
            + "rewrote,rows[{table,before,after}],error}], rollback{…}, reapplied, lintDisagreements, backups}.")
    boolean json;

    @Override
    public Integer call() {
        if (sample != null && sample < 1) {
            throw new ConfigException("--sample must be 1 or more (rows a table).");
        }
        BudgetronDb api = api();
        RehearsalReport r = api.rehearse(sample, into == null ? null : DbUrl.parse(into, "--into"));
        PrintWriter out = out();
        if (json) {
            Json.print(out, Json.object("ok", r.ok(), "database", api.database(),
                    "copy", Json.object("into", r.copy(), "tables", r.rowsCopied().size(), "rows", r.rows(), "bytes", r.copyBytes(),
                            "millis", r.copyMillis(), "sample", r.sample(), "notCopied", r.notCopied()),
                    "pending", r.pending(),
                    "changesets", r.changesets().stream().map(c -> Json.object("id", c.id(), "file", c.file(), "millis", c.millis(),
                            "locks", c.locks().stream().map(l -> Json.object("mode", l.mode(), "table", l.table(), "heldMillis", l.heldMillis())).toList(),
                            "rewrote", c.rewrote(), "rows", c.rows().stream().map(x -> Json.object("table", x.table(), "before", x.before(), "after", x.after())).toList(),
                            "error", c.error() == null ? null : Json.object("message", c.error().message(), "sqlState", c.error().sqlState(),
                                    "table", c.error().table(), "column", c.error().column(), "constraint", c.error().constraint(),
                                    "violatingRows", c.error().violating(), "example", c.error().example()))).toList(),
                    "failure", r.failure(),
                    "rollback", Json.object("ran", r.rolledBack(), "error", r.rollbackError(), "schemaDifferences", r.rollbackDifferences(),
                            "rowDifferences", r.rollbackRowDifferences()),
                    "reapplied", Json.object("ran", r.reapplied(), "error", r.reapplyError()),
                    "lintDisagreements", r.lintDisagreements(), "backups", r.backups()));
        } else {
            r.lines().forEach(out::println);
        }
        return r.ok() ? 0 : 1;
    }
}
