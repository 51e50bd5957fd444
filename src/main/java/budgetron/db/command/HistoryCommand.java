package budgetron.db.command;

import budgetron.db.Main;
import liquibase.changelog.RanChangeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "List the applied changesets, oldest first, with when they ran and any tag. Changes nothing.")
public class HistoryCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--json", description = "Print one JSON document: {database, applied[{id,author,file,executedAt,execType,tag,checksum}]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
        try (Target target = db.open(false, spec.commandLine().getErr())) {
            List<RanChangeSet> applied = target.migrator().applied();
            if (json) {
                Json.print(out, Json.object("database", target.url().toString(), "applied", applied.stream().map(ran -> Json.object(
                        "id", ran.getId(), "author", ran.getAuthor(), "file", ran.getChangeLog(),
                        "executedAt", ran.getDateExecuted().toInstant().toString(), "execType", ran.getExecType().name(),
                        "tag", ran.getTag(), "checksum", ran.getLastCheckSum() == null ? null : ran.getLastCheckSum().toString())).toList()));
                return 0;
            }
            if (applied.isEmpty()) {
                out.println("No changesets applied.");
            }
            for (RanChangeSet ran : applied) {
                out.println(format.format(ran.getDateExecuted()) + "  " + ran.getExecType() + "  " + ran.getId()
                        + "  (" + ran.getChangeLog() + ")" + (ran.getTag() == null ? "" : "  tag " + ran.getTag()));
            }
            return 0;
        }
    }
}
