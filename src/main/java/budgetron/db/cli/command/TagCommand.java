package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "tag",
        description = "Tag the database's current state (the last applied changeset), as a point for `rollback --tag`.")
public class TagCommand extends DatabaseCommand {
    @Parameters(paramLabel = "TAG", description = "The tag, for example release-2025-07.")
    String tag;

    @Override
    public Integer call() {
        api().tag(tag);
        out().println("Tagged the current state as '" + tag + "'.");
        return 0;
    }
}
