package budgetron.db.generate;

import budgetron.db.schema.Catalog.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static budgetron.db.schema.Sql.id;

/**
 * One column's type, default and nullability. NOT NULL on a table that holds rows goes the way that
 * does not lock the table for a scan: a CHECK (col IS NOT NULL) added NOT VALID, validated in its own
 * changeset (reads and writes go on), then SET NOT NULL, which PostgreSQL 12+ takes from the check
 * without scanning, and the helper check dropped.
 */
final class ColumnChange {
    private ColumnChange() {
    }

    static List<Change> alter(String t, Column was, Column want) {
        List<Change> out = new ArrayList<>();
        boolean setsNotNull = !was.notNull() && want.notNull();
        // everything but SET NOT NULL in one changeset; DROP NOT NULL is cheap and stays here
        Column target = setsNotNull ? new Column(want.name(), want.type(), want.defaultExpr(), false) : want;
        if (!was.equals(target)) {
            Change c = new Change("alter column " + t + "." + want.name() + describe(was, target),
                    steps(t, was, target), steps(t, target, was),
                    was.type().equals(want.type()) ? null
                            : "Changes the type of " + t + "." + want.name() + " from " + was.type() + " to " + want.type()
                            + ": PostgreSQL rewrites the table, and values that do not fit make it fail.");
            out.add(was.type().equals(want.type()) ? c : c.accepting("type-change-rewrite", LiveSafety.TYPE_CHANGE_REASON));
        }
        if (setsNotNull) {
            out.addAll(notNull(t, want.name()));
        }
        return out;
    }

    static List<Change> notNull(String t, String column) {
        String table = id(t);
        String check = id(LiveSafety.shorten(t + "_" + column + "_not_null"));
        String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + id(column) + " IS NOT NULL) NOT VALID;";
        String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";";
        return List.of(
                new Change("NOT NULL " + t + "." + column + ", step 1: check added NOT VALID (no scan)", List.of(add), List.of(drop)),
                new Change("NOT NULL " + t + "." + column + ", step 2: check validated (reads and writes go on)",
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";"), List.of(LiveSafety.NOTHING_TO_UNDO)),
                new Change("NOT NULL " + t + "." + column + ", step 3: SET NOT NULL (from the validated check) and the check dropped",
                        List.of("ALTER TABLE " + table + " ALTER COLUMN " + id(column) + " SET NOT NULL;", drop),
                        List.of(add, "ALTER TABLE " + table + " ALTER COLUMN " + id(column) + " DROP NOT NULL;")));
    }

    private static List<String> steps(String t, Column from, Column to) {
        String col = "ALTER TABLE " + id(t) + " ALTER COLUMN " + id(to.name());
        List<String> sql = new ArrayList<>();
        boolean typeChanges = !from.type().equals(to.type());
        boolean defaultChanges = !Objects.equals(from.defaultExpr(), to.defaultExpr());
        if (typeChanges && from.defaultExpr() != null) {
            sql.add(col + " DROP DEFAULT;"); // the old default may not cast to the new type
        }
        if (typeChanges) {
            sql.add(col + " SET DATA TYPE " + to.type() + " USING " + id(to.name()) + "::" + to.type() + ";");
        }
        if (to.defaultExpr() != null && (defaultChanges || typeChanges)) {
            sql.add(col + " SET DEFAULT " + to.defaultExpr() + ";");
        } else if (to.defaultExpr() == null && defaultChanges && !typeChanges) {
            sql.add(col + " DROP DEFAULT;");
        }
        if (from.notNull() != to.notNull()) {
            sql.add(col + (to.notNull() ? " SET NOT NULL;" : " DROP NOT NULL;"));
        }
        return sql;
    }

    private static String describe(Column was, Column want) {
        List<String> parts = new ArrayList<>();
        if (!was.type().equals(want.type())) {
            parts.add("type " + was.type() + " -> " + want.type());
        }
        if (!Objects.equals(was.defaultExpr(), want.defaultExpr())) {
            parts.add("default " + was.defaultExpr() + " -> " + want.defaultExpr());
        }
        if (was.notNull() != want.notNull()) {
            parts.add(want.notNull() ? "NOT NULL" : "nullable");
        }
        return ": " + String.join(", ", parts);
    }
}
