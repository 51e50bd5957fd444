package budgetron.db.lint.rule;

import budgetron.db.lint.ChangesetFacts;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** Schema and data changes in one changeset. */
public final class MixedDdlDml extends LintRule {
    public static final String ID = "mixed-ddl-dml";

    public MixedDdlDml() {
        super(ID, Severity.WARNING,
                "Schema and data changes in one changeset hold the DDL locks for as long as the data change takes, and cannot be retried "
                        + "separately.",
                "Put the data change in a changeset of its own.");
    }

    @Override
    public void changeset(ChangesetFacts c, Findings out) {
        if (c.ddl() && c.dml()) {
            out.add(this, c.changeset().line(), "schema and data changes together");
        }
    }
}
