package budgetron.db.lint;

/**
 * One lint check (one class each, in budgetron.db.lint.rule; LintRules lists them): its id, what
 * it costs on a live PostgreSQL and what to do instead, and where it looks. The Linter walks the
 * changesets and calls each rule at three points: every statement, every clause of an ALTER TABLE
 * on a table that already holds rows, and each changeset as a whole. A rule reports through
 * {@link Findings}; it keeps no state of its own.
 */
public abstract class LintRule {
    public enum Severity { ERROR, WARNING }

    private final String id;
    private final Severity severity;
    private final String why;
    private final String fix;

    protected LintRule(String id, Severity severity, String why, String fix) {
        this.id = id;
        this.severity = severity;
        this.why = why;
        this.fix = fix;
    }

    public final String id() {
        return id;
    }

    public final Severity severity() {
        return severity;
    }

    /** Why it hurts. */
    public final String why() {
        return why;
    }

    /** What to do instead. */
    public final String fix() {
        return fix;
    }

    /** Every statement of a changeset under review. */
    public void statement(Statement statement, Findings out) {
    }

    /** Every clause of an ALTER TABLE on a table that holds rows before the reviewed changesets. */
    public void alter(AlterClause clause, Findings out) {
    }

    /** The changeset as a whole, once its statements are read. */
    public void changeset(ChangesetFacts changeset, Findings out) {
    }

    @Override
    public String toString() {
        return id;
    }
}
