package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.operation.Patch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "patch",
        description = {"Re-sync the history table with the changelog (Budgetron's db:patch-migrations), for a database whose schema "
                + "is right but whose history is not, typically after `push`.",
                "Marks every changeset applied with its current checksum, and drops history rows the changelog does not have. "
                        + "First builds the changelog in a scratch database and compares: if the schemas differ, prints the "
                        + "differences and refuses unless --force. In production, --yes is required too."})
public class PatchCommand extends DatabaseCommand {
    @Option(names = "--force", description = "Patch even though the live schema differs from what the changelog builds.")
    boolean force;

    @Option(names = "--yes", description = "Confirm a patch in production.")
    boolean yes;

    @Override
    public Integer call() {
        Patch.Result result = api().patch(force, yes);
        PrintWriter out = out();
        if (!result.differences().isEmpty()) {
            out.println("The live schema differs from what the changelog builds (- changelog, + live):");
            result.differences().forEach(d -> out.println("  " + d));
            out.println("Patched anyway (--force).");
        }
        result.removed().forEach(r -> out.println("Removed from the history (not in the changelog): " + r));
        out.println("History patched: " + result.marked() + " changesets newly marked applied, checksums refreshed for all "
                + result.applied() + ".");
        return 0;
    }
}
