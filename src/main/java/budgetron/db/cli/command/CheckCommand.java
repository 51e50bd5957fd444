package budgetron.db.cli.command;

import budgetron.db.cli.BaseCommand;
import budgetron.db.cli.Json;
import budgetron.db.cli.check.ChangelogCheck;
import budgetron.db.cli.check.ChangelogFolder;
import budgetron.db.cli.check.GitRef;
import budgetron.db.cli.check.Problem;
import budgetron.db.cli.check.Renumber;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import budgetron.db.liquibase.Changelog;
import budgetron.db.rehearse.EmptyRun;
import budgetron.db.schema.ScratchDatabase;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "check",
        description = {"Check the changelog files for what parallel branches get wrong. Needs no database; made for CI on every pull request.",
                "Always: two files with the same number, two changesets with the same id, a file that the master changelog does not "
                        + "include, an include of a missing file, includes out of numeric order, a file Liquibase cannot parse.",
                "With --against REF (e.g. origin/main): a changeset of REF edited, removed or moved; a new changeset placed before REF's last one.",
                "With --fix too: renumbers this branch's new files after REF's last (files, changeset ids, include lines), touching "
                        + "nothing that REF has, prints what it renamed, then checks again.",
                "With --execute: the whole changelog applied to an empty embedded PostgreSQL, so SQL that PostgreSQL refuses fails here.",
                "Exit codes: 0 clean, 1 problems (one line each), 2 usage error (unknown REF, not a git checkout)."})
public class CheckCommand extends BaseCommand {
    @Option(names = "--against", paramLabel = "REF", description = "The git ref of the released changelog, e.g. origin/main.")
    String against;

    @Option(names = "--fix", description = "Renumber this branch's new changelog files after REF's last (needs --against).")
    boolean fix;

    @Option(names = "--json", description = "Print one JSON document: {ok, against, renamed[{from,to}], problems[{file,changeset,problem,fix}]}.")
    boolean json;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".", description = "Where changelog/ is (default: the current directory).")
    Path projectDir;

    @Option(names = "--execute", description = "Also apply the whole changelog to an empty embedded PostgreSQL, so that SQL PostgreSQL "
            + "refuses (a syntax error, a misspelt name) is found now rather than at migrate (a few seconds more).")
    boolean execute;

    @Option(names = "--verbose", description = "Print the stack trace of errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        if (fix && against == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fix needs --against REF: it renumbers the files REF does not have.");
        }
        ChangelogFolder base = null;
        if (against != null) {
            try {
                base = ChangelogFolder.read(GitRef.changelogAt(projectDir, against));
            } catch (GitRef.UsageError e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<Renumber.Rename> renamed = new ArrayList<>();
        if (fix) {
            renamed = Renumber.apply(ChangelogFolder.read(projectDir), base);
        }
        ChangelogFolder head = ChangelogFolder.read(projectDir);
        List<Problem> problems = new ArrayList<>(ChangelogCheck.structure(head));
        if (base != null) {
            problems.addAll(ChangelogCheck.against(head, base, against));
        }
        if (execute && problems.isEmpty()) {
            try (ScratchDatabase scratch = ScratchDatabase.embedded()) {
                EmptyRun.Result run = EmptyRun.of(scratch, Changelog.in(projectDir));
                if (!run.ok()) {
                    problems.add(new Problem(run.failedFile() == null ? "changelog" : run.failedFile(), run.failedId(),
                            "PostgreSQL refuses it on an empty database (after " + run.applied() + " changesets applied): " + run.reason() + ".",
                            "Fix its SQL."));
                }
            }
        }
        if (json) {
            Json.print(out, Json.object("ok", problems.isEmpty(), "against", against, "changesets", head.inOrder().size(),
                    "renamed", renamed, "problems", problems));
        } else {
            renamed.forEach(r -> out.println("Renamed " + r.from() + " -> " + r.to()));
            if (!renamed.isEmpty()) {
                out.println("Renumbered " + renamed.size() + " file" + (renamed.size() == 1 ? "" : "s")
                        + " (ids and include lines too): review with git diff, then commit.");
            }
            problems.forEach(p -> out.println(p.line()));
            out.println(problems.isEmpty()
                    ? "Changelog OK: " + head.files().size() + " files, " + head.inOrder().size() + " changesets" + (against == null ? "" : ", consistent with " + against) + "."
                    : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " found.");
        }
        return problems.isEmpty() ? 0 : 1;
    }
}
