package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.liquibase.Changelog;
import budgetron.db.lint.Finding;
import budgetron.db.lint.Selection;
import budgetron.db.cli.review.ReviewReport;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

@Command(name = "review",
        description = {"Write a release's review for DBAs into DIR: review.html (self-contained) and review.md (for a pull request), "
                + "with schema.svg.",
                "A summary first (changesets, destructive ones, rollbacks that cannot restore data, findings by severity), then each "
                        + "changeset with its SQL, rollback SQL, lint findings, author and file, then a diagram of the resulting schema."})
public class ReviewCommand extends DatabaseCommand {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the review into.")
    Path out;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LintCommand.Scope scope;

    @Override
    public Integer call() throws Exception {
        Selection selection = LintCommand.select(this, scope.pending, scope.since);
        List<Finding> findings = selection.findings();
        Catalog schema;
        // the resulting schema: the whole changelog built in a scratch database (beside the real one when there is one)
        Changelog changelog = Changelog.of(project());
        if (scope.pending) {
            try (Session session = session(); ScratchDatabase scratch = session.scratch()) {
                schema = ExpectedSchema.catalog(scratch, changelog, -1);
            }
        } else {
            try (ScratchDatabase scratch = ScratchDatabase.embedded()) {
                schema = ExpectedSchema.catalog(scratch, changelog, -1);
            }
        }
        ReviewReport report = new ReviewReport("budgetron-db review: " + selection.description(), selection.changesets(), findings, schema);
        report.write(out);
        out().println("Wrote " + out.resolve("review.html") + ", " + out.resolve("review.md") + " and "
                + out.resolve("schema.svg") + ": " + selection.changesets().size() + " changesets, " + report.destructive().size()
                + " destructive, " + findings.stream().filter(Finding::blocking).count() + " errors.");
        return 0;
    }
}
