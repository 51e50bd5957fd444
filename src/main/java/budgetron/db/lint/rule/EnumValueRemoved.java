package budgetron.db.lint.rule;

import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintSql;
import budgetron.db.lint.Statement;
import budgetron.db.schema.EnumLabels;

import java.util.List;
import java.util.regex.Matcher;

/** An enum type re-created, in the same changeset, without some of its labels or in another order. */
public final class EnumValueRemoved extends LintRule {
    public static final String ID = "enum-value-removed";

    public EnumValueRemoved() {
        super(ID, Severity.ERROR,
                "An enum label is removed or the labels are reordered: rows holding a removed label make it fail, and code sending it breaks.",
                "Only add labels (ALTER TYPE ... ADD VALUE); stop using a label in code and data before removing it.");
    }

    @Override
    public void statement(Statement s, Findings out) {
        Matcher m = LintSql.CREATE_ENUM.matcher(s.text());
        if (m.find()) {
            String type = LintSql.name(m.group(1));
            List<String> before = s.state().droppedEnum(type);
            List<String> after = LintSql.labels(m.group(2));
            if (before != null && !EnumLabels.onlyAdds(before, after)) {
                out.add(this, s.line(), "enum " + type + " goes from " + before + " to " + after);
            }
        }
    }
}
