package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A column or table renamed while code that uses the old name runs. */
public final class Rename extends LintRule {
    public static final String ID = "rename";

    public Rename() {
        super(ID, Severity.WARNING,
                "Renaming a column or table breaks the running application, which still uses the old name.",
                "Expand and contract: add the new name, write to both, move readers over, drop the old one in a later release.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        if (c.text().startsWith("RENAME ")) {
            out.add(this, c.line(), "rename on existing table " + c.table() + ": " + c.statement());
        }
    }
}
