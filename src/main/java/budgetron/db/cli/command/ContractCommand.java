package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.operation.Migrate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "contract",
        description = {"Finish zero-downtime releases: apply their contract changesets (the previous release's columns, "
                + "triggers and views dropped) once no connection of an older release is open.",
                "Releases name their connections budgetron:NNNN (application_name; the Spring Boot start does it). While such "
                        + "connections are open, migrate skips the contract and this command refuses, naming them (exit 1).",
                "Also applies anything else pending, as migrate does."})
public class ContractCommand extends DatabaseCommand {
    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait at most this many seconds for the older release to disconnect (default: ${DEFAULT-VALUE}, do not wait).")
    long waitSeconds;

    @Option(names = "--force", description = "Contract even while connections of an older release are open: their statements on the "
            + "dropped columns will fail. For connections that only look like an older release.")
    boolean force;

    @Override
    public Integer call() {
        Migrate.Result result = api().contract(Duration.ofSeconds(waitSeconds), force);
        if (result.applied().isEmpty()) {
            out().println("Nothing to contract: no release waits for one.");
        } else {
            out().println("Applied " + result.applied().size() + " changeset" + (result.applied().size() == 1 ? "" : "s") + ":");
            result.applied().forEach(cs -> out().println("  " + cs.id() + "  (" + cs.file() + ")"));
        }
        // what still waits was said while it ran (the progress lines)
        return result.waiting().isEmpty() ? 0 : 1;
    }
}
