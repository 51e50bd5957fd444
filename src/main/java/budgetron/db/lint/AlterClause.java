package budgetron.db.lint;

/** One clause of an ALTER TABLE on a table that holds rows ({@code text} upper-cased, the statement as written beside it). */
public record AlterClause(String table, String text, String statement, int line, LintState state) {
}
