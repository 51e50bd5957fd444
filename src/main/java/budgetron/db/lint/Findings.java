package budgetron.db.lint;

import java.util.ArrayList;
import java.util.List;

/** Where rules report, for the changeset being read: a finding carries the changeset's lint:accept reason for its rule. */
public final class Findings {
    private final ChangesetSql changeset;
    private final List<Finding> found = new ArrayList<>();

    Findings(ChangesetSql changeset) {
        this.changeset = changeset;
    }

    public void add(LintRule rule, int line, String detail) {
        found.add(new Finding(rule, changeset.id(), changeset.file(), line, detail, changeset.accepted().get(rule.id())));
    }

    List<Finding> list() {
        return found;
    }
}
