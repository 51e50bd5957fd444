package budgetron.db.generate;

import budgetron.db.schema.Catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changes that turn the current catalog into the desired one, in an order PostgreSQL accepts:
 * dependent constraints are dropped before what they depend on and added after it. Both catalogs
 * are read from real PostgreSQL databases with the same functions, so equal objects read equal and
 * nothing is reported that did not change. Each kind of object has its own class (TableDiff and
 * ColumnChange, EnumDiff, SequenceDiff, ConstraintDiff, CommentDiff); LiveSafety makes the result
 * safe on tables that hold rows.
 */
public final class SchemaDiff {
    /** Declared renames: table new→old, and per table column new→old. */
    public record Renames(Map<String, String> tables, Map<String, Map<String, String>> columns) {
        public static Renames none() {
            return new Renames(Map.of(), Map.of());
        }
    }

    final List<Change> schemas = new ArrayList<>();
    final List<Change> dropForeignKeys = new ArrayList<>();
    final List<Change> dropConstraints = new ArrayList<>();
    final List<Change> renames = new ArrayList<>();
    final List<Change> enums = new ArrayList<>();
    final List<Change> sequences = new ArrayList<>();
    final List<Change> dropSequences = new ArrayList<>();
    final List<Change> comments = new ArrayList<>();
    final List<Change> createTables = new ArrayList<>();
    final List<Change> addColumns = new ArrayList<>();
    final List<Change> alterColumns = new ArrayList<>();
    final List<Change> dropColumns = new ArrayList<>();
    final List<Change> dropTables = new ArrayList<>();
    final List<Change> dropEnums = new ArrayList<>();
    final List<Change> addConstraints = new ArrayList<>();
    final List<Change> addForeignKeys = new ArrayList<>();
    /** Zero-downtime releases: the changes that would break the running release, as expand and contract; null: in place. */
    final ExpandContract release;

    private SchemaDiff(boolean zeroDowntime) {
        release = zeroDowntime ? new ExpandContract() : null;
    }

    public static List<Change> between(Catalog current, Catalog desired, Renames declared, boolean allowDropAndAdd) {
        return between(current, desired, declared, allowDropAndAdd, LiveSafety.DEFAULT_LOCK_TIMEOUT, false);
    }

    /**
     * lockTimeout: what SET LOCAL lock_timeout each changeset on an existing table starts with ('5s').
     * zeroDowntime: renames, type changes and drops written as expand and contract (ExpandContract), so
     * that the release still running keeps working while this one migrates; else in place.
     */
    public static List<Change> between(Catalog current, Catalog desired, Renames declared, boolean allowDropAndAdd, String lockTimeout,
                                       boolean zeroDowntime) {
        SchemaDiff diff = new SchemaDiff(zeroDowntime);
        for (String schema : desired.schemas()) {
            if (!schema.equals("public") && !current.schemas().contains(schema)) {
                diff.schemas.add(new Change("create schema " + schema, List.of("CREATE SCHEMA " + budgetron.db.schema.Sql.id(schema) + ";"),
                        List.of("DROP SCHEMA " + budgetron.db.schema.Sql.id(schema) + ";")));
            }
        }
        Catalog renamed = TableDiff.renameTables(diff, current, desired, declared, allowDropAndAdd);
        EnumDiff.diff(diff, renamed, desired);
        SequenceDiff.diff(diff, renamed, desired);
        TableDiff.diff(diff, renamed, desired, declared, allowDropAndAdd);
        ConstraintDiff.constraints(diff, renamed, desired);
        ConstraintDiff.indexes(diff, renamed, desired);
        CommentDiff.diff(diff, renamed, desired);
        List<Change> all = new ArrayList<>();
        for (List<Change> group : List.of(diff.schemas, diff.dropForeignKeys, diff.dropConstraints, diff.renames, diff.enums, diff.sequences,
                diff.createTables, diff.addColumns, diff.alterColumns, diff.dropColumns, diff.dropTables, diff.dropSequences, diff.dropEnums,
                diff.addConstraints, diff.addForeignKeys, diff.comments)) {
            all.addAll(group);
        }
        if (diff.release != null && !diff.release.isEmpty()) {
            all.addAll(diff.release.changes(renamed));
        }
        Set<String> existing = new HashSet<>(current.tables().keySet());
        existing.addAll(renamed.tables().keySet()); // a renamed table holds its rows under the new name
        return LiveSafety.lockTimeouts(all, existing, lockTimeout);
    }
}
