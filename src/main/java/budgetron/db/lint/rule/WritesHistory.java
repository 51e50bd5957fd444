package budgetron.db.lint.rule;

import budgetron.db.lint.ChangesetFacts;
import budgetron.db.lint.Findings;
import budgetron.db.lint.LintRule;

import java.util.regex.Pattern;

/**
 * A changeset that writes Liquibase's history or lock table, or the backups budgetron-db keeps: the
 * history is what tells migrate what was applied (a deleted row makes it apply that changeset again),
 * and the backups are what a rollback restores from.
 */
public final class WritesHistory extends LintRule {
    public static final String ID = "writes-history";
    private static final Pattern TARGET = Pattern.compile("(?is)^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE(\\s+TABLE)?|DROP\\s+(TABLE|SCHEMA)"
            + "(\\s+IF\\s+EXISTS)?|ALTER\\s+TABLE(\\s+IF\\s+EXISTS)?(\\s+ONLY)?)\\s+(\"?public\"?\\.)?\"?(databasechangelog(lock)?|budgetron_backup)\\b.*");
    private static final Pattern ANYWHERE = Pattern.compile("(?is).*\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE)\\s+(\"?public\"?\\.)?"
            + "\"?(databasechangelog(lock)?|budgetron_backup\\.)\\b.*");

    public WritesHistory() {
        super(ID, Severity.ERROR,
                "Liquibase's history (databasechangelog, databasechangeloglock) tells migrate what was applied, and budgetron_backup holds "
                        + "what rollbacks restore: a changeset that writes them makes migrate apply a changeset twice, or a rollback lose data.",
                "Leave them to budgetron-db: patch re-syncs a history, backups --prune removes old copies.");
    }

    @Override
    public void changeset(ChangesetFacts c, Findings out) {
        if (refusal(c.changeset().id(), c.changeset().sql()) != null) {
            out.add(this, c.changeset().line(), "writes Liquibase's history, its lock or budgetron_backup");
        }
    }

    /** Why migrate and validate refuse the changeset, or null. */
    public static String refusal(String changeset, java.util.List<String> sql) {
        for (String s : sql) {
            if (TARGET.matcher(s).matches() || ANYWHERE.matcher(s).matches()) {
                return "changeset " + changeset + " writes Liquibase's history (databasechangelog, its lock) or budgetron_backup: "
                        + "migrate would then apply changesets twice or a rollback lose its data. Remove that statement (patch re-syncs a "
                        + "history; backups --prune removes old copies).";
            }
        }
        return null;
    }
}
