package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A validated foreign key added to a table that holds rows. */
public final class ForeignKeyNotValid extends LintRule {
    public static final String ID = "foreign-key-not-valid";

    public ForeignKeyNotValid() {
        super(ID, Severity.ERROR,
                "Adding a validated foreign key scans the whole table while holding locks on both tables.",
                "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later changeset.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        if (c.text().startsWith("ADD ") && c.text().contains(" FOREIGN KEY ") && !c.text().contains(" NOT VALID")) {
            out.add(this, c.line(), "foreign key on existing table " + c.table());
        }
    }
}
