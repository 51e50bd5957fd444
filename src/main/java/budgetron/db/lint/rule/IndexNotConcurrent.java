package budgetron.db.lint.rule;

import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintSql;
import budgetron.db.lint.Statement;

import java.util.regex.Matcher;

/** CREATE INDEX without CONCURRENTLY on a table that holds rows. */
public final class IndexNotConcurrent extends LintRule {
    public static final String ID = "index-not-concurrent";

    public IndexNotConcurrent() {
        super(ID, Severity.ERROR,
                "CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built.",
                "CREATE INDEX CONCURRENTLY, in a changeset of its own with runInTransaction:false.");
    }

    @Override
    public void statement(Statement s, Findings out) {
        Matcher m = LintSql.CREATE_INDEX.matcher(s.text());
        if (m.find() && m.group(1) == null && s.onExisting(m.group(2))) {
            out.add(this, s.line(), "index on existing table " + LintSql.name(m.group(2)));
        }
    }
}
