package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "update-sql",
        description = "Print the SQL that migrate would run, for review. Changes nothing.")
public class UpdateSqlCommand extends DatabaseCommand {
    @Option(names = "--out", paramLabel = "FILE", description = "Write the SQL to FILE instead of standard output.")
    Path outFile;

    @Override
    public Integer call() throws IOException {
        if (outFile == null) {
            api().updateSql(out());
            return 0;
        }
        try (Writer file = Files.newBufferedWriter(outFile)) {
            api().updateSql(file);
        }
        err().println("Wrote " + outFile);
        return 0;
    }
}
