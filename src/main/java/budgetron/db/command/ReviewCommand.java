package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.lint.Finding;
import budgetron.db.lint.Selection;
import budgetron.db.review.ReviewReport;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.ScratchDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "review", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Write a release's review for DBAs into DIR: review.html (self-contained) and review.md (for a pull request), "
                + "with schema.svg.",
                "A summary first (changesets, destructive ones, rollbacks that cannot restore data, findings by severity), then each "
                        + "changeset with its SQL, rollback SQL, lint findings, author and file, then a diagram of the resulting schema."})
public class ReviewCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the review into.")
    Path out;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LintCommand.Scope scope;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Selection selection = LintCommand.select(db, scope.pending, scope.since, spec);
        List<Finding> findings = selection.findings();
        Catalog schema;
        // the resulting schema: the whole changelog built in a scratch database (beside the real one when there is one)
        try (ScratchDatabase scratch = scope.pending ? ScratchDatabase.beside(db.settings().dbUrl()) : ScratchDatabase.embedded()) {
            schema = ExpectedSchema.catalog(scratch, db.changelog(), -1);
        }
        ReviewReport report = new ReviewReport("budgetron-db review: " + selection.description(), selection.changesets(), findings, schema);
        report.write(out);
        spec.commandLine().getOut().println("Wrote " + out.resolve("review.html") + ", " + out.resolve("review.md") + " and "
                + out.resolve("schema.svg") + ": " + selection.changesets().size() + " changesets, " + report.destructive().size()
                + " destructive, " + findings.stream().filter(Finding::blocking).count() + " errors.");
        return 0;
    }
}
