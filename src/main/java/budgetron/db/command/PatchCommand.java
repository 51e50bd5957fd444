package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.ConfigException;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.HistoryCheck;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.SchemaDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "patch", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Re-sync the history table with the changelog (Budgetron's db:patch-migrations), for a database whose schema "
                + "is right but whose history is not, typically after `push`.",
                "Marks every changeset applied with its current checksum, and drops history rows the changelog does not have. "
                        + "First builds the changelog in a scratch database and compares: if the schemas differ, prints the "
                        + "differences and refuses unless --force. In production, --yes is required too."})
public class PatchCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--force", description = "Patch even though the live schema differs from what the changelog builds.")
    boolean force;

    @Option(names = "--yes", description = "Confirm a patch in production.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Target target = db.open(true, spec.commandLine().getErr()); AdvisoryLock lock = target.lock()) {
            Guards.confirmedInProduction(target, yes, "Patching the history");
            String expected = ExpectedSchema.build(target.url(), target.changelog(), -1);
            List<String> diff = ExpectedSchema.differences(expected, SchemaDump.of(target.connection()));
            if (!diff.isEmpty()) {
                out.println("The live schema differs from what the changelog builds (- changelog, + live):");
                diff.forEach(d -> out.println("  " + d));
                if (!force) {
                    throw new ConfigException("Refusing to patch: marking the changelog applied would hide these differences. "
                            + "Bring the schema in line (or add a changeset), or pass --force if you accept them.");
                }
                out.println("Patching anyway (--force).");
            }
            Migrator migrator = target.migrator();
            HistoryCheck check = HistoryCheck.of(migrator.changelog(), migrator.applied());
            Connection c = target.connection();
            for (String unknown : check.unknown()) {
                String[] parts = unknown.split("::");
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM databasechangelog WHERE filename = ? AND id = ? AND author = ?")) {
                    ps.setString(1, parts[0]);
                    ps.setString(2, parts[1]);
                    ps.setString(3, parts[2]);
                    ps.executeUpdate();
                }
                out.println("Removed from the history (not in the changelog): " + unknown);
            }
            try (Statement s = c.createStatement()) {
                // Liquibase stores the current checksum wherever this is null, at the validation below
                s.executeUpdate("UPDATE databasechangelog SET md5sum = NULL");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            migrator.forgetCachedHistory();
            int marked = migrator.pending().size();
            migrator.markAllApplied();
            migrator.validate(); // stores the current checksums
            out.println("History patched: " + marked + " changesets newly marked applied, checksums refreshed for all "
                    + migrator.applied().size() + ".");
            return 0;
        }
    }
}
