package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;
import budgetron.db.schema.Sql;

/** A column added to a table that holds rows with a volatile default, which fills (rewrites) every row. */
public final class VolatileDefault extends LintRule {
    public static final String ID = "volatile-default";

    public VolatileDefault() {
        super(ID, Severity.ERROR,
                "A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval()) rewrites the whole table.",
                "Add the column without a default, backfill it in batches, then SET DEFAULT.");
    }

    @Override
    public void alter(AlterClause c, Findings out) {
        String t = c.text();
        if (t.startsWith("ADD ") && !t.startsWith("ADD CONSTRAINT") && t.contains(" DEFAULT ") && Sql.callsVolatile(t)) {
            out.add(this, c.line(), "volatile default on existing table " + c.table());
        }
    }
}
