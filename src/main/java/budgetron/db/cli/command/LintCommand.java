package budgetron.db.cli.command;

import budgetron.db.cli.DatabaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.liquibase.Changelog;
import budgetron.db.lint.Finding;
import budgetron.db.lint.Linter;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintRules;
import budgetron.db.lint.Selection;
import budgetron.db.rehearse.EmptyRun;
import budgetron.db.schema.ScratchDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import budgetron.db.session.Session;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "lint",
        description = {"Check changesets, as the SQL Liquibase will run on PostgreSQL, for lock-heavy and destructive changes: "
                + "indexes built without CONCURRENTLY, foreign keys without NOT VALID, SET NOT NULL, volatile defaults, type changes, "
                + "dropped columns and tables, renames, unique constraints without a prepared index, removed enum labels, missing rollbacks, "
                + "no lock_timeout, schema and data mixed, unbounded updates.",
                "Each finding: file and line, rule, changeset, why it hurts, what to do instead. Exit code 1 when an error is not accepted.",
                "Accept a finding with a line `-- lint:accept RULE reason` in the changeset (or `lint:accept RULE reason` in its --comment)."})
public class LintCommand extends DatabaseCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static class Scope {
        @Option(names = "--pending", description = "The changesets not yet applied to the database (needs DB_URL).")
        boolean pending;

        @Option(names = "--since", paramLabel = "FROM", description = "From this changeset id or changelog file on, or after this tagDatabase tag of the changelog; no database needed.")
        String since;

        @Option(names = "--all", description = "Every changeset of the changelog; no database needed.")
        boolean all;
    }

    @Option(names = "--execute", description = "Also apply the whole changelog to an empty scratch database (on DB_URL's server when one is "
            + "set, else an embedded PostgreSQL): SQL that PostgreSQL refuses is reported as an error (rule execute).")
    boolean execute;

    @Option(names = "--json", description = "Print one JSON document: {linted, errors, warnings, findings[{file,line,rule,severity,changeset,detail,why,instead,accepted,acceptedBecause}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Selection selection = select(this, scope.pending, scope.since);
        List<Finding> findings = selection.findings();
        EmptyRun.Result run = execute ? emptyRun() : null;
        if (run != null && !run.ok() && !json) {
            out.println((run.failedFile() == null ? "changelog" : run.failedFile()) + "  ERROR  execute  " + run.failedId());
            out.println("    PostgreSQL refuses it on an empty database (after " + run.applied() + " changesets applied): " + run.reason());
        }
        if (json) {
            Json.print(out, Json.object("linted", selection.description(),
                    "errors", findings.stream().filter(Finding::blocking).count(),
                    "warnings", findings.stream().filter(f -> !f.accepted() && f.rule().severity() != LintRule.Severity.ERROR).count(),
                    "findings", findings.stream().map(f -> Json.object("file", f.file(), "line", f.line(), "rule", f.rule().id(),
                            "severity", f.rule().severity().name().toLowerCase(java.util.Locale.ROOT), "changeset", f.changesetId(),
                            "detail", f.detail(), "why", f.rule().why(), "instead", f.rule().fix(),
                            "accepted", f.accepted(), "acceptedBecause", f.acceptedBecause())).toList(),
                    "execute", run == null ? null : Json.object("ok", run.ok(), "applied", run.applied(), "changeset", run.failedId(),
                            "file", run.failedFile(), "reason", run.reason())));
            return findings.stream().anyMatch(Finding::blocking) || run != null && !run.ok() ? 1 : 0;
        }
        out.println("Linted " + selection.description() + (run == null ? "." : run.ok() ? "; the whole changelog (" + run.applied()
                + " changesets) applies to an empty database." : "."));
        out.print(Linter.format(findings));
        return findings.stream().anyMatch(Finding::blocking) || run != null && !run.ok() ? 1 : 0;
    }

    private EmptyRun.Result emptyRun() throws Exception {
        budgetron.db.config.Project p = project();
        boolean server = p.hasDbUrl() && !budgetron.db.config.Rules.embeddedDatabase(p);
        try (ScratchDatabase scratch = server ? ScratchDatabase.on(p.dbUrl()) : ScratchDatabase.embedded()) {
            return EmptyRun.of(scratch, Changelog.of(p));
        }
    }

    /** Shared with review: pending changesets need the database; --since and --all read only the changelog. */
    static Selection select(DatabaseCommand command, boolean pending, String since) throws Exception {
        if (!pending) {
            return Selection.since(Changelog.of(command.project()), since);
        }
        try (Session session = command.session()) {
            return Selection.pending(session.migrator(), session.connection(), session.changelog());
        }
    }
}
