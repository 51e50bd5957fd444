package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A UNIQUE or PRIMARY KEY constraint added to a table that holds rows without an index built beforehand. */
public final class UniqueWithoutIndex extends LintRule {
    public static final String ID = "unique-without-index";

    public UniqueWithoutIndex() {
        super(ID, Severity.ERROR,
                "Adding a UNIQUE or PRIMARY KEY constraint builds its index while blocking writes to the table.",
                "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        String t = c.text();
        if (t.startsWith("ADD ") && !t.contains(" FOREIGN KEY ") && !t.matches(".* CHECK ?\\(.*")
                && (t.matches(".* UNIQUE ?\\(.*") || t.matches(".*PRIMARY KEY ?\\(.*")) && !t.contains(" USING INDEX")) {
            out.add(this, c.line(), "unique or primary key constraint on existing table " + c.table());
        }
    }
}
