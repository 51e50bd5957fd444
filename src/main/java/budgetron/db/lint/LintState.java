package budgetron.db.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the lint knows while it reads changesets in order: the tables that hold rows before the
 * reviewed changesets, those the reviewed ones create, enum labels, the CHECK (col IS NOT NULL)
 * NOT VALID constraints seen and the columns whose check was validated, and, within the current
 * changeset, the enum types it dropped (with their labels), and the columns' types where known.
 */
public final class LintState {
    final Set<String> existing = new HashSet<>();
    final Set<String> created = new HashSet<>();
    final Map<String, List<String>> enums = new HashMap<>();
    final Map<String, String> notNullChecks = new HashMap<>();
    final Set<String> provenNotNull = new HashSet<>();
    final Map<String, List<String>> droppedEnums = new HashMap<>();
    /** "table.column" → its type, normalized (ColumnTypes), where known. */
    final Map<String, String> columnTypes = new HashMap<>();

    /** The column's type as the lint knows it (from the database or the statements it read), or null. */
    public String columnType(String table, String column) {
        return columnTypes.get(LintSql.name(table) + "." + LintSql.name(column));
    }

    public boolean existing(String rawName) {
        String n = LintSql.name(rawName);
        return existing.contains(n) && !created.contains(n);
    }

    /** SET NOT NULL on table.col needs no scan: a validated CHECK (col IS NOT NULL) proves it (PostgreSQL 12+). */
    public boolean provenNotNull(String table, String column) {
        return provenNotNull.contains(table + "." + column);
    }

    public boolean isEnum(String name) {
        return enums.containsKey(name);
    }

    /** The labels an enum type had when this changeset dropped it; null if it did not. */
    public List<String> droppedEnum(String name) {
        return droppedEnums.get(name);
    }
}
