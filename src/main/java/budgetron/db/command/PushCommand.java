package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.config.ConfigException;
import budgetron.db.generate.Change;
import budgetron.db.generate.Generator;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.schema.Entities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Development only, for prototyping (like drizzle-kit push): apply the difference between the entities and "
                + "the development database directly, without writing a changeset. Refused in production.",
                "The history then no longer describes the schema: write the changeset with `generate` against a database that "
                        + "has not been pushed, or re-sync with `patch` once the changelog has it."})
public class PushCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--accept-data-loss", description = "Also apply changes that drop tables or columns with their data.")
    boolean acceptDataLoss;

    @Option(names = "--drop-and-add", description = "Emit drop + add where a rename looks likely (the dropped data is lost).")
    boolean dropAndAdd;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (db.environment().isProduction()) {
            throw new ConfigException("push is for development only and is refused in production: write a changeset with "
                    + "`budgetron-db generate` and apply it with `migrate`, or pass --env development.");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Target target = db.open(true, spec.commandLine().getErr()); AdvisoryLock lock = target.lock()) {
            List<Change> changes = Generator.diff(target.url(), Entities.discover(db.projectDir), dropAndAdd);
            if (changes.isEmpty()) {
                out.println("No changes: the entities match the database.");
                return 0;
            }
            List<Change> lossy = changes.stream().filter(Change::destructive).filter(c -> c.title().startsWith("drop ")).toList();
            if (!lossy.isEmpty() && !acceptDataLoss) {
                throw new ConfigException("push would lose data: " + String.join("; ", lossy.stream().map(Change::title).toList())
                        + ". Pass --accept-data-loss if that is what you want.");
            }
            Connection c = target.connection();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (Change change : changes) {
                    for (String sql : change.sql()) {
                        s.execute(sql);
                    }
                    out.println("  " + change.title());
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
            out.println("Pushed " + changes.size() + " changes. No changeset was written: run `generate` before you commit.");
            return 0;
        }
    }
}
