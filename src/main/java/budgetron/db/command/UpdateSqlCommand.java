package budgetron.db.command;

import budgetron.db.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "update-sql", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Print the SQL that migrate would run, for review. Changes nothing.")
public class UpdateSqlCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the SQL to FILE instead of standard output.")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Target target = db.open(false, spec.commandLine().getErr())) {
            Guards.historyMatches(target.migrator());
            if (outFile == null) {
                Writer out = spec.commandLine().getOut();
                target.migrator().updateSql(out);
                out.flush();
            } else {
                try (Writer out = Files.newBufferedWriter(outFile)) {
                    target.migrator().updateSql(out);
                }
                spec.commandLine().getErr().println("Wrote " + outFile);
            }
            return 0;
        }
    }
}
