package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.backup.Backups;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.operation.ListBackups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

@Command(name = "backups",
        description = {"List the copies migrate made of what changesets destroyed (dropped tables and columns, values a type change "
                + "altered, deleted rows), in the database's budgetron_backup schema: changeset, what, rows, size, when, whether a rollback "
                + "put it back.",
                "Rolling back a changeset restores its copies. Copies older than backup-retention (default 30d) are pruned after each "
                        + "migrate that applies something, or now with --prune. backups=off (or -- backup:off REASON in a changeset) "
                        + "turns the copying off."})
public class BackupsCommand extends DatabaseCommand {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "--prune", description = "Drop the copies older than backup-retention now (--yes in production).")
    boolean prune;

    @Option(names = "--yes", description = "Confirm --prune in production.")
    boolean yes;

    @Option(names = "--json", description = "Print one JSON document: {database, backups[{id,changeset,file,kind,table,column,rows,bytes,takenAt,restoredAt,table}], pruned}.")
    boolean json;

    @Override
    public Integer call() {
        BudgetronDb api = api();
        ListBackups.Result result = api.backups(prune, yes);
        PrintWriter out = out();
        if (json) {
            Json.print(out, Json.object("database", api.database(), "backups", result.kept().stream().map(BackupsCommand::json).toList(),
                    "pruned", result.pruned().stream().map(BackupsCommand::json).toList()));
            return 0;
        }
        result.pruned().forEach(e -> out.println("Pruned " + e.backupTable() + " (" + e.changesetId() + ", " + WHEN.format(e.takenAt()) + ")"));
        if (result.kept().isEmpty()) {
            out.println("No backups: no migration has destroyed data here with backups on.");
        }
        for (Backups.Entry e : result.kept()) {
            out.println(WHEN.format(e.takenAt()) + "  " + e.changesetId() + "  " + e.kind() + " " + e.table() + (e.column() == null ? "" : "." + e.column())
                    + "  " + e.rows() + " rows, " + size(e.bytes()) + "  " + e.backupTable()
                    + (e.restoredAt() == null ? "" : "  restored " + WHEN.format(e.restoredAt())));
        }
        return 0;
    }

    private static Object json(Backups.Entry e) {
        return Json.object("id", e.id(), "changeset", e.changesetId(), "author", e.author(), "file", e.file(), "kind", e.kind(),
                "table", e.table(), "column", e.column(), "rows", e.rows(), "bytes", e.bytes(), "takenAt", e.takenAt().toString(),
                "restoredAt", e.restoredAt() == null ? null : e.restoredAt().toString(), "backupTable", e.backupTable());
    }

    private static String size(long bytes) {
        return bytes < 1 << 20 ? (bytes >> 10) + " KiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
