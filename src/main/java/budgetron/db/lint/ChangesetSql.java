package budgetron.db.lint;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A changeset as a DBA reviews it: the SQL Liquibase will run for PostgreSQL, the rollback SQL,
 * where it is written, the findings accepted in it (rule id to reason), and, when it says
 * `-- backup:off REASON`, why migrate need not back up what it destroys (else null); whether it runs
 * in one transaction (runInTransaction, true unless the changeset says false).
 */
public record ChangesetSql(String id, String author, String file, int line, String comment, List<String> sql,
                           List<String> rollback, int[] sqlLines, Map<String, String> accepted, String backupOff, boolean transactional) {
    /** How the changelog marks a changeset whose rollback cannot give back the data (in its --comment). */
    public static final String LOSES_DATA_MARK = "ROLLBACK LOSES DATA";
    private static final Pattern DROPS = Pattern.compile("(?i)\\b(DROP\\s+TABLE|DROP\\s+COLUMN|DELETE\\s+FROM|TRUNCATE)\\b");

    /** Marked so in its comment, or its rollback drops or deletes (then the mark is missing). */
    public boolean rollbackLosesData() {
        return marked() || rollback.stream().anyMatch(r -> DROPS.matcher(r).find());
    }

    public boolean marked() {
        return comment != null && comment.contains(LOSES_DATA_MARK);
    }

    public static boolean dropsData(List<String> rollbackSql) {
        return rollbackSql.stream().anyMatch(r -> DROPS.matcher(r).find());
    }
}
