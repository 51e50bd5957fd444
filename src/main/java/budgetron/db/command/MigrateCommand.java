package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.ConfigException;
import budgetron.db.drizzle.DrizzleAdoption;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.Migrator;
import liquibase.changelog.ChangeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Apply every pending changeset, each in its own transaction.",
                "A database that Drizzle built (public.__drizzle_migrations, no Liquibase history) is adopted first: "
                        + "the changesets Drizzle already applied are recorded, after checking the schema matches; then the rest run.",
                "In development with no DB_URL, migrates the embedded development database."})
public class MigrateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(db, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** What migrate does, with or without picocli (FastMigrate): the up-to-date check, then the full migrate if needed. */
    static int run(DatabaseOptions db, PrintWriter out, PrintWriter err) throws Exception {
        try (Target target = db.open(true, err)) {
            // the container-start path: one query, no Liquibase, no lock, when nothing is pending
            if (db.upToDate(target)) {
                out.println("Database is up to date: nothing to apply.");
                return 0;
            }
            return migrate(target, db, out);
        }
    }

    /** Adoption if needed, then every pending changeset under the migration lock. */
    private static int migrate(Target target, DatabaseOptions db, PrintWriter out) throws Exception {
        try (AdvisoryLock lock = target.lock()) {
            Migrator migrator = target.migrator();
            if (Guards.drizzleOnly(target)) {
                DrizzleAdoption.Plan plan = DrizzleAdoption.plan(target.connection(), target.url(), target.changelog());
                if (!plan.ok()) {
                    throw new ConfigException(plan.describe());
                }
                out.println(plan.describe());
                DrizzleAdoption.record(migrator, plan);
                out.println("Recorded " + plan.toRecord().size() + " changesets as applied.");
            }
            Guards.historyMatches(migrator);
            if (target.changelog().fromProjectDir()) {
                ChangelogIndex.cache(migrator.changelog(), db.projectDir);
            }
            List<ChangeSet> ran = migrator.update();
            if (ran.isEmpty()) {
                out.println("Database is up to date: nothing to apply.");
                return 0;
            }
            out.println("Applied " + ran.size() + " changeset" + (ran.size() == 1 ? "" : "s") + ":");
            ran.forEach(cs -> out.println("  " + cs.getId() + "  (" + cs.getFilePath() + ")"));
            return 0;
        }
    }
}
