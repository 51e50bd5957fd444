package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintSql;

import java.util.regex.Matcher;

/** SET NOT NULL on a table that holds rows, unless a validated CHECK (col IS NOT NULL) already proves it. */
public final class SetNotNull extends LintRule {
    public static final String ID = "set-not-null";

    public SetNotNull() {
        super(ID, Severity.WARNING,
                "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.",
                "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; then SET NOT NULL (PostgreSQL 12+ uses the "
                        + "check) and drop the check.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        if (!c.text().matches("^ALTER (COLUMN )?\\S+ SET NOT NULL.*")) {
            return;
        }
        Matcher col = LintSql.SET_NOT_NULL.matcher(c.text());
        // after a validated CHECK (col IS NOT NULL), PostgreSQL 12+ sets NOT NULL without scanning
        if (!(col.find() && c.state().provenNotNull(c.table(), LintSql.name(col.group(1))))) {
            out.add(this, c.line(), "SET NOT NULL on existing table " + c.table());
        }
    }
}
