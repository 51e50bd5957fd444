package budgetron.db.lint.rule;

import budgetron.db.lint.ChangesetFacts;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A changeset without a rollback. */
public final class MissingRollback extends LintRule {
    public static final String ID = "missing-rollback";

    public MissingRollback() {
        super(ID, Severity.WARNING,
                "The changeset has no rollback: `budgetron-db rollback` cannot undo it.",
                "Add --rollback lines that undo it (say in the comment if they cannot restore data).");
    }

    @Override
    public void changeset(ChangesetFacts c, Findings out) {
        if (c.changeset().rollback().isEmpty()) {
            out.add(this, c.changeset().line(), "no rollback");
        }
    }
}
