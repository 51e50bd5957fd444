package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

import java.util.Locale;

/** A column dropped from a table that holds rows: its values are gone. */
public final class DropColumn extends LintRule {
    public static final String ID = "drop-column";

    public DropColumn() {
        super(ID, Severity.ERROR,
                "Destructive: the column's values are gone, and running code that still selects it fails.",
                "Stop using the column in the code first, release, then drop it; keep a backup of the values if they may be needed.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        String t = c.text();
        if (t.matches("^DROP (COLUMN )?(?!CONSTRAINT )(IF EXISTS )?\\S+.*") && !t.startsWith("DROP DEFAULT") && !t.startsWith("DROP NOT NULL")) {
            String column = t.replaceAll("^DROP (COLUMN )?(IF EXISTS )?", "").split(" ")[0].replace("\"", "").toLowerCase(Locale.ROOT);
            out.add(this, c.line(), "drops column " + c.table() + "." + column);
        }
    }
}
