package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.DatabaseOptions;
import budgetron.db.operation.Migrate;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "migrate",
        description = {"Apply every pending changeset, each in its own transaction.",
                "A database that Drizzle built (public.__drizzle_migrations, no Liquibase history) is adopted first: "
                        + "the changesets Drizzle already applied are recorded, after checking the schema matches; then the rest run.",
                "In development with no DB_URL, migrates the embedded development database."})
public class MigrateCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        return run(db, out(), err());
    }

    /** What migrate does, with or without picocli (FastMigrate). */
    public static int run(DatabaseOptions db, PrintWriter out, PrintWriter err) {
        Migrate.Result result = db.api(err).migrate();
        if (result.adopted() != null) {
            out.println(result.adopted().describe());
            out.println("Recorded " + result.adopted().toRecord().size() + " changesets as applied.");
        }
        if (result.applied().isEmpty()) {
            out.println("Database is up to date: nothing to apply.");
        } else {
            out.println("Applied " + result.applied().size() + " changeset" + (result.applied().size() == 1 ? "" : "s") + ":");
            result.applied().forEach(cs -> out.println("  " + cs.id() + "  (" + cs.file() + ")"));
        }
        out.flush();
        return 0;
    }
}
