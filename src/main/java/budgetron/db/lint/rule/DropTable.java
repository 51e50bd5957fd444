package budgetron.db.lint.rule;

import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;
import budgetron.db.lint.LintSql;
import budgetron.db.lint.Statement;

import java.util.regex.Matcher;

/** A table dropped, with every row in it. */
public final class DropTable extends LintRule {
    public static final String ID = "drop-table";

    public DropTable() {
        super(ID, Severity.ERROR,
                "Destructive: the table and every row in it are gone.",
                "Stop using the table first, release, then drop it; take a backup of its rows.");
    }

    @Override
    public void statement(Statement s, Findings out) {
        Matcher m = LintSql.DROP_TABLE.matcher(s.text());
        if (m.find()) {
            for (String t : m.group(1).split(",")) {
                if (!t.isBlank()) {
                    out.add(this, s.line(), "drops table " + LintSql.name(t.strip().replaceAll("^.*\\.", "")));
                }
            }
        }
    }
}
