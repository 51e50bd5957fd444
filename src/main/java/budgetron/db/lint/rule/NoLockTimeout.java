package budgetron.db.lint.rule;

import budgetron.db.lint.ChangesetFacts;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A changeset that locks a table holding rows without setting a lock_timeout first. */
public final class NoLockTimeout extends LintRule {
    public static final String ID = "no-lock-timeout";

    public NoLockTimeout() {
        super(ID, Severity.WARNING,
                "The changeset takes an ACCESS EXCLUSIVE lock on an existing table without lock_timeout: queued behind one long query, "
                        + "it blocks every other query on the table.",
                "Start the changeset with SET LOCAL lock_timeout = '5s' and retry the migration if it times out.");
    }

    @Override
    public void changeset(ChangesetFacts c, Findings out) {
        if (c.exclusiveLine() >= 0 && !c.lockTimeout()) {
            out.add(this, c.exclusiveLine(), "locks existing table " + c.exclusiveTable());
        }
    }
}
