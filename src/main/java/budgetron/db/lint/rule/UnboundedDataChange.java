package budgetron.db.lint.rule;

import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintSql;
import budgetron.db.lint.Statement;

import java.util.regex.Matcher;

/** UPDATE or DELETE without WHERE, or TRUNCATE, on a table that holds rows. */
public final class UnboundedDataChange extends LintRule {
    public static final String ID = "unbounded-data-change";

    public UnboundedDataChange() {
        super(ID, Severity.WARNING,
                "UPDATE or DELETE without WHERE, or TRUNCATE, touches every row of an existing table in one transaction.",
                "Change the rows in batches, or confirm with lint:accept that every row is meant.");
    }

    @Override
    public void statement(Statement s, Findings out) {
        Matcher m = LintSql.DATA_CHANGE.matcher(s.text());
        if (m.find() && s.onExisting(m.group(2)) && (m.group(1).startsWith("TRUNCATE") || !m.group(3).contains(" WHERE "))) {
            out.add(this, s.line(), m.group(1).split(" ")[0] + " of every row of " + LintSql.name(m.group(2)));
        }
    }
}
