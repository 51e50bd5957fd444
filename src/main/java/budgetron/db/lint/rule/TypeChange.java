package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A column's type changed on a table that holds rows. */
public final class TypeChange extends LintRule {
    public static final String ID = "type-change-rewrite";

    public TypeChange() {
        super(ID, Severity.ERROR,
                "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.",
                "Add a column of the new type, backfill it in batches, switch the code over, then drop the old column.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        if (c.text().matches("^ALTER (COLUMN )?\\S+ (SET DATA )?TYPE .*")) {
            out.add(this, c.line(), "type change on existing table " + c.table() + ": " + c.statement());
        }
    }
}
