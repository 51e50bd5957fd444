package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.ConfigException;
import budgetron.db.drizzle.DrizzleAdoption;
import budgetron.db.liquibase.AdvisoryLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "adopt", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Take over a database that Drizzle built: record the changesets Drizzle already applied, without running them.",
                "Checks first that every row of __drizzle_migrations is one of Budgetron's migrations, in order, and that the schema "
                        + "is the state they leave; otherwise refuses and changes nothing. Drizzle's table is left as it is.",
                "`migrate` does this by itself; adopt is for doing it alone, or seeing the plan with --dry-run."})
public class AdoptCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Target target = db.open(false, spec.commandLine().getErr()); AdvisoryLock lock = target.lock()) {
            if (DrizzleAdoption.drizzleTable(target.connection()) == null) {
                throw new ConfigException("This database has no __drizzle_migrations table: Drizzle did not build it, so there is nothing to adopt. "
                        + "Use `budgetron-db migrate`.");
            }
            if (DrizzleAdoption.hasLiquibaseHistory(target.connection())) {
                out.println("Already adopted: this database has a Liquibase history. `budgetron-db status` shows what is pending.");
                return 0;
            }
            DrizzleAdoption.Plan plan = DrizzleAdoption.plan(target.connection(), target.url(), target.changelog());
            if (!plan.ok()) {
                throw new ConfigException(plan.describe());
            }
            out.println(plan.describe());
            if (dryRun) {
                out.println("Dry run: nothing was recorded.");
                return 0;
            }
            DrizzleAdoption.record(target.migrator(), plan);
            out.println("Recorded " + plan.toRecord().size() + " changesets as applied. `budgetron-db migrate` applies the rest.");
            return 0;
        }
    }
}
