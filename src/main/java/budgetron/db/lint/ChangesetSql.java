package budgetron.db.lint;

import java.util.List;
import java.util.Map;

/**
 * A changeset as a DBA reviews it: the SQL Liquibase will run for PostgreSQL, the rollback SQL,
 * where it is written, and the findings accepted in it (rule id to reason).
 */
public record ChangesetSql(String id, String author, String file, int line, String comment, List<String> sql,
                           List<String> rollback, int[] sqlLines, Map<String, String> accepted) {
}
