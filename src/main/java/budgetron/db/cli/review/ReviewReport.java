package budgetron.db.cli.review;

import budgetron.db.lint.ChangesetSql;
import budgetron.db.lint.Finding;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintRules;
import budgetron.db.schema.Catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One release's review, for a DBA: a summary first (changesets, destructive ones, rollbacks that
 * lose data, findings by severity), then each changeset with its SQL, rollback SQL, findings,
 * author and file, then the resulting schema as a diagram. Written as a self-contained HTML page
 * (no scripts, no network) and as Markdown for a pull request (with the diagram as schema.svg).
 */
public record ReviewReport(String title, List<ChangesetSql> changesets, List<Finding> findings, Catalog schema) {
    private static final Set<LintRule> DESTRUCTIVE = Set.of(LintRules.DROP_TABLE, LintRules.DROP_COLUMN, LintRules.UNBOUNDED_DATA_CHANGE, LintRules.ENUM_VALUE_REMOVED);

    public List<ChangesetSql> destructive() {
        return changesets.stream().filter(cs -> findings.stream().anyMatch(f -> f.changesetId().equals(cs.id()) && DESTRUCTIVE.contains(f.rule())))
                .toList();
    }

    public List<ChangesetSql> rollbackLosesData() {
        return changesets.stream().filter(ChangesetSql::rollbackLosesData).toList();
    }

    private long count(LintRule.Severity severity) {
        return findings.stream().filter(f -> !f.accepted() && f.rule().severity() == severity).count();
    }

    private List<Finding> findingsOf(ChangesetSql cs) {
        return findings.stream().filter(f -> f.changesetId().equals(cs.id()) && f.file().equals(cs.file())).toList();
    }

    /** Writes review.html, review.md and schema.svg into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String svg = budgetron.db.cli.diagram.SchemaDiagram.svg(schema, false);
        Files.writeString(dir.resolve("schema.svg"), svg);
        Files.writeString(dir.resolve("review.html"), html(svg));
        Files.writeString(dir.resolve("review.md"), markdown());
    }

    String html(String svg) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1500px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px}")
                .append(".ERROR{color:#fff;background:#b00020;padding:1px 6px;border-radius:3px}")
                .append(".WARNING{color:#000;background:#f2c94c;padding:1px 6px;border-radius:3px}")
                .append(".ACCEPTED{color:#fff;background:#2e7d32;padding:1px 6px;border-radius:3px}")
                .append(".changeset{border-top:2px solid #335;margin-top:24px}.meta{color:#555}</style></head><body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        h.append("<section id=\"summary\"><h2>Summary</h2><table class=\"summary\">\n");
        row(h, "Changesets", String.valueOf(changesets.size()));
        row(h, "Destructive", destructive().isEmpty() ? "none" : String.join(", ", destructive().stream().map(ChangesetSql::id).toList()));
        row(h, "Rollback cannot restore data", rollbackLosesData().isEmpty() ? "none"
                : String.join(", ", rollbackLosesData().stream().map(cs -> cs.id() + (cs.marked() ? "" : " (not marked in the changelog)")).toList()));
        row(h, "Errors", String.valueOf(count(LintRule.Severity.ERROR)));
        row(h, "Warnings", String.valueOf(count(LintRule.Severity.WARNING)));
        row(h, "Accepted", String.valueOf(findings.stream().filter(Finding::accepted).count()));
        h.append("</table></section>\n<section id=\"changesets\"><h2>Changesets</h2>\n");
        for (ChangesetSql cs : changesets) {
            h.append("<section class=\"changeset\" id=\"cs-").append(Html.escape(cs.id())).append("\"><h3>").append(Html.escape(cs.id())).append("</h3>\n");
            h.append("<p class=\"meta\">by ").append(Html.escape(cs.author())).append(" in ").append(Html.escape(cs.file())).append(':')
                    .append(cs.line()).append("</p>\n");
            if (cs.comment() != null) {
                h.append("<p>").append(Html.escape(cs.comment())).append("</p>\n");
            }
            List<Finding> own = findingsOf(cs);
            if (!own.isEmpty()) {
                h.append("<table class=\"findings\"><tr><th>severity</th><th>rule</th><th>line</th><th>what</th><th>why / instead</th></tr>\n");
                for (Finding f : own) {
                    String severity = f.accepted() ? "ACCEPTED" : f.rule().severity().name();
                    h.append("<tr><td><span class=\"").append(severity).append("\">").append(severity).append("</span></td><td>")
                            .append(f.rule().id()).append("</td><td>").append(f.line()).append("</td><td>").append(Html.escape(f.detail()))
                            .append("</td><td>").append(f.accepted() ? "accepted: " + Html.escape(f.acceptedBecause())
                                    : Html.escape(f.rule().why()) + "<br><i>instead:</i> " + Html.escape(f.rule().fix()))
                            .append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
            h.append("<h4>SQL</h4><pre class=\"sql\">").append(Html.escape(String.join(";\n", cs.sql()))).append(";</pre>\n");
            h.append("<h4>Rollback").append(cs.rollbackLosesData() ? " (cannot restore data)" : "").append("</h4><pre class=\"rollback\">")
                    .append(cs.rollback().isEmpty() ? "(none)" : Html.escape(String.join(";\n", cs.rollback())) + ";").append("</pre>\n");
            h.append("</section>\n");
        }
        h.append("</section>\n<section id=\"schema\"><h2>Resulting schema</h2>\n").append(svg).append("</section>\n</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    String markdown() {
        StringBuilder m = new StringBuilder("# ").append(title).append("\n\n## Summary\n\n| | |\n|---|---|\n");
        m.append("| Changesets | ").append(changesets.size()).append(" |\n");
        m.append("| Destructive | ").append(destructive().isEmpty() ? "none" : String.join(", ", destructive().stream().map(ChangesetSql::id).toList())).append(" |\n");
        m.append("| Rollback cannot restore data | ").append(rollbackLosesData().isEmpty() ? "none"
                : String.join(", ", rollbackLosesData().stream().map(ChangesetSql::id).toList())).append(" |\n");
        m.append("| Errors | ").append(count(LintRule.Severity.ERROR)).append(" |\n| Warnings | ").append(count(LintRule.Severity.WARNING))
                .append(" |\n| Accepted | ").append(findings.stream().filter(Finding::accepted).count()).append(" |\n\n## Changesets\n");
        for (ChangesetSql cs : changesets) {
            m.append("\n### ").append(cs.id()).append("\n\nby ").append(cs.author()).append(" in `").append(cs.file()).append(':').append(cs.line()).append("`\n\n");
            if (cs.comment() != null) {
                m.append(cs.comment()).append("\n\n");
            }
            for (Finding f : findingsOf(cs)) {
                m.append("- **").append(f.accepted() ? "ACCEPTED" : f.rule().severity().name()).append("** `").append(f.rule().id()).append("` line ")
                        .append(f.line()).append(": ").append(f.detail()).append(" — ")
                        .append(f.accepted() ? "accepted: " + f.acceptedBecause() : f.rule().why() + " Instead: " + f.rule().fix()).append('\n');
            }
            m.append("\n```sql\n").append(String.join(";\n", cs.sql())).append(";\n```\n\nRollback")
                    .append(cs.rollbackLosesData() ? " (cannot restore data)" : "").append(":\n\n```sql\n")
                    .append(cs.rollback().isEmpty() ? "-- none" : String.join(";\n", cs.rollback()) + ";").append("\n```\n");
        }
        m.append("\n## Resulting schema\n\n![schema](schema.svg)\n");
        return m.toString();
    }
}
