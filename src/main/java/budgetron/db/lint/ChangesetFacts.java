package budgetron.db.lint;

/**
 * What a changeset does as a whole: schema and data changes, whether it sets a lock_timeout, and
 * the first statement that locks a table holding rows (line, table), if any.
 */
public record ChangesetFacts(ChangesetSql changeset, boolean ddl, boolean dml, boolean lockTimeout, int exclusiveLine, String exclusiveTable) {
}
