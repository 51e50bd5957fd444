package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.ConfigException;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.Migrator;
import liquibase.changelog.RanChangeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Undo applied changesets, newest first, with each changeset's rollback.",
                "Some rollbacks cannot restore data (the changeset's comment says so). In production, --yes is required."})
public class RollbackCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (point.count != null && point.count < 1) {
            throw new ConfigException("--count must be 1 or more.");
        }
        Date date = point.toDate == null ? null : parseDate(point.toDate);
        try (Target target = db.open(false, spec.commandLine().getErr()); AdvisoryLock lock = target.lock()) {
            Guards.confirmedInProduction(target, yes, "Rollback");
            Migrator migrator = target.migrator();
            Guards.historyMatches(migrator);
            List<RanChangeSet> before = migrator.applied();
            if (point.count != null) {
                migrator.rollbackCount(point.count);
            } else if (point.tag != null) {
                if (before.stream().noneMatch(r -> point.tag.equals(r.getTag()))) {
                    throw new ConfigException("No tag '" + point.tag + "' in this database's history: `budgetron-db history` lists the tags.");
                }
                migrator.rollbackToTag(point.tag);
            } else {
                migrator.rollbackToDate(date);
            }
            List<RanChangeSet> after = migrator.applied();
            List<RanChangeSet> undone = before.stream().filter(r -> after.stream()
                    .noneMatch(a -> a.getId().equals(r.getId()) && a.getChangeLog().equals(r.getChangeLog()))).toList();
            out.println("Rolled back " + undone.size() + " changesets:");
            undone.forEach(r -> out.println("  " + r.getId() + "  (" + r.getChangeLog() + ")"));
            return 0;
        }
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
