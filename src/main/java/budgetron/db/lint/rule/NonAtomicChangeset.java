package budgetron.db.lint.rule;

import budgetron.db.lint.ChangesetFacts;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A changeset outside a transaction (runInTransaction:false) with statements that cannot simply run
 * again: killed between two of them it is half applied, and since its history row is not written,
 * the next migrate runs the first ones a second time. Statements before the last that are written to
 * be repeated (IF EXISTS, IF NOT EXISTS, as the generated concurrent index builds) are allowed.
 */
public final class NonAtomicChangeset extends LintRule {
    public static final String ID = "non-atomic-changeset";
    private static final Pattern REPEATABLE = Pattern.compile("(?is).*\\bIF\\s+(NOT\\s+)?EXISTS\\b.*|^\\s*(SET|SELECT|CALL)\\b.*");

    public NonAtomicChangeset() {
        super(ID, Severity.ERROR,
                "Outside a transaction, a changeset killed between two statements is half applied, and the next migrate runs it again "
                        + "from its first statement (no history row was written).",
                "One statement per runInTransaction:false changeset (split it), or make the earlier statements repeatable "
                        + "(IF EXISTS / IF NOT EXISTS).");
    }

    @Override
    public void changeset(ChangesetFacts c, Findings out) {
        if (refusal(c.changeset().id(), c.changeset().transactional(), c.changeset().sql()) != null) {
            out.add(this, c.changeset().line(), c.changeset().sql().size() + " statements outside a transaction, not all repeatable");
        }
    }

    /** The same verdict, for migrate and validate (the changeset's SQL and whether it runs in a transaction). */
    public static String refusal(String changeset, boolean transactional, List<String> sql) {
        if (transactional || sql.size() < 2) {
            return null;
        }
        for (int i = 0; i < sql.size() - 1; i++) {
            if (!REPEATABLE.matcher(sql.get(i).strip()).matches()) {
                return "changeset " + changeset + " runs " + sql.size() + " statements outside a transaction (runInTransaction:false), and "
                        + "statement " + (i + 1) + " cannot run twice: a kill between them would leave it half applied. Put each statement in "
                        + "a changeset of its own (or make the earlier ones IF [NOT] EXISTS).";
            }
        }
        return null;
    }
}
