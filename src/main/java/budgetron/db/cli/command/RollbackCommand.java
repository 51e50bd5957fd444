package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.config.ConfigException;
import budgetron.db.operation.Rollback;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;

@Command(name = "rollback",
        description = {"Undo applied changesets, newest first, with each changeset's rollback.",
                "Some rollbacks cannot restore data (the changeset's comment says so). In production, --yes is required."})
public class RollbackCommand extends DatabaseCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Point point;

    static class Point {
        @Option(names = "--count", paramLabel = "N", description = "Undo the last N changesets.")
        Integer count;

        @Option(names = "--tag", paramLabel = "TAG", description = "Undo everything applied after TAG was set.")
        String tag;

        @Option(names = "--to-date", paramLabel = "DATE", description = "Undo everything applied after DATE (yyyy-MM-dd or 'yyyy-MM-dd HH:mm:ss').")
        String toDate;
    }

    @Option(names = "--yes", description = "Confirm a rollback in production.")
    boolean yes;

    @Override
    public Integer call() {
        Rollback.To to = point.count != null ? Rollback.To.count(point.count)
                : point.tag != null ? Rollback.To.tag(point.tag) : Rollback.To.date(parseDate(point.toDate));
        Rollback.Result result = api().rollback(to, yes);
        PrintWriter out = out();
        out.println("Rolled back " + result.undone().size() + " changesets:");
        result.undone().forEach(r -> out.println("  " + r.id() + "  (" + r.file() + ")"));
        return 0;
    }

    private static Date parseDate(String text) {
        for (String pattern : new String[] {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"}) {
            try {
                SimpleDateFormat f = new SimpleDateFormat(pattern);
                f.setLenient(false);
                return f.parse(text);
            } catch (ParseException ignored) {
                // try the next form
            }
        }
        throw new ConfigException("--to-date '" + text + "' is not a date: use yyyy-MM-dd or 'yyyy-MM-dd HH:mm:ss'.");
    }
}
