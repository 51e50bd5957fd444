package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A validated CHECK constraint added to a table that holds rows. */
public final class CheckNotValid extends LintRule {
    public static final String ID = "check-not-valid";

    public CheckNotValid() {
        super(ID, Severity.ERROR,
                "Adding a validated CHECK constraint scans the whole table while holding an ACCESS EXCLUSIVE lock: no reads or writes meanwhile.",
                "ADD CONSTRAINT ... CHECK (...) NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later changeset (a lock that lets "
                        + "reads and writes through).");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        String t = c.text();
        if (t.startsWith("ADD ") && !t.contains(" FOREIGN KEY ") && t.matches(".* CHECK ?\\(.*") && !t.contains(" NOT VALID")) {
            out.add(this, c.line(), "CHECK constraint on existing table " + c.table());
        }
    }
}
