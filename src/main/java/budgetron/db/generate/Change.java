package budgetron.db.generate;

import java.util.List;

/**
 * One logical schema change: becomes one changeset. {@code warning} says what a DBA must know
 * (data lost, a rollback that cannot restore data); it goes into the changeset's comment.
 */
public record Change(String title, List<String> sql, List<String> rollback, String warning) {
    public Change(String title, List<String> sql, List<String> rollback) {
        this(title, sql, rollback, null);
    }

    public boolean destructive() {
        return warning != null;
    }
}
