package budgetron.db.lint.rule;

import budgetron.db.lint.AlterClause;
import budgetron.db.lint.ColumnTypes;
import budgetron.db.lint.LintSql;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

/** A column's type changed on a table that holds rows. */
public final class TypeChange extends LintRule {
    public static final String ID = "type-change-rewrite";

    public TypeChange() {
        super(ID, Severity.ERROR,
                "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.",
                "Add a column of the new type, backfill it in batches, switch the code over, then drop the old column.");
    }

    /**
     * Not for a change PostgreSQL makes without a rewrite (varchar widened, numeric's precision
     * raised, …: ColumnTypes), when the column's type is known and any USING is the plain cast.
     */
    @Override
    public void alter(AlterClause c, Findings out) {
        java.util.regex.Matcher m = LintSql.TYPE_CHANGE.matcher(c.text());
        if (!m.find()) {
            return;
        }
        String column = LintSql.name(m.group(1));
        String was = c.state().columnType(c.table(), column);
        String using = m.group(3) == null ? null : m.group(3).replace("\"", "").replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
        boolean plainCast = using == null || using.equals(column + "::" + ColumnTypes.normalize(m.group(2)).replace(" ", ""))
                || using.equals(column + "::" + m.group(2).replace("\"", "").replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT));
        if (was != null && plainCast && ColumnTypes.noRewrite(was, m.group(2))) {
            return; // binary-coercible: a catalog change, no rewrite (and the rehearsal measures it)
        }
        out.add(this, c.line(), "type change on existing table " + c.table() + ": " + c.statement());
    }
}
