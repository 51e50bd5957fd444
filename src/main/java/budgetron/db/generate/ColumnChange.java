package budgetron.db.generate;

import budgetron.db.lint.rule.DropColumn;
import budgetron.db.lint.rule.TypeChange;
import budgetron.db.schema.Catalog.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.rel;

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
        if (was.generated() || want.generated()) {
            return List.of(generated(t, was, want));
        }
        if (was.identity() != want.identity()) {
            return List.of(identity(t, was, want));
        }
        List<Change> out = new ArrayList<>();
        boolean setsNotNull = !was.notNull() && want.notNull();
        // everything but SET NOT NULL in one changeset; DROP NOT NULL is cheap and stays here
        Column target = setsNotNull ? want.withNotNull(false) : want;
        if (!was.equals(target)) {
            boolean retyped = !was.type().equals(want.type());
            DataCheck castable = retyped ? DataCheck.castable(t, want.name(), was.type(), want.type()) : null;
            Change c = new Change("alter column " + t + "." + want.name() + describe(was, target),
                    steps(t, was, target), steps(t, target, was),
                    !retyped ? null : "Changes the type of " + t + "." + want.name() + " from " + was.type() + " to " + want.type()
                            + (TypeCasts.rewrites(was.type(), want.type()) ? ": PostgreSQL rewrites the table" : ": PostgreSQL changes only the catalog (no rewrite)")
                            + (castable == null ? "; every value fits, none changes." : "; the data check stops migrate first if a value would be changed or refused."));
            if (retyped) {
                c = c.accepting(TypeChange.ID, LiveSafety.TYPE_CHANGE_REASON).checking(castable == null ? List.of() : List.of(castable));
                if (castable == null) {
                    c = c.withoutBackup("a widening type change: every value fits and none changes");
                }
            }
            out.add(c);
        }
        if (setsNotNull) {
            out.addAll(notNull(t, want.name()));
        }
        return out;
    }

    /** A stored generated column's expression cannot be altered in place: the column is re-added (its values are computed). */
    private static Change generated(String t, Column was, Column want) {
        String table = "ALTER TABLE " + rel(t);
        if (was.generated() && !was.virtual() && !want.generated()) {
            // DROP EXPRESSION keeps the computed values as plain ones
            List<String> sql = new ArrayList<>(List.of(table + " ALTER COLUMN " + id(want.name()) + " DROP EXPRESSION;"));
            Column plain = new Column(was.name(), was.type(), null, was.notNull());
            sql.addAll(steps(t, plain, want));
            return new Change("alter column " + t + "." + want.name() + ": no longer generated", sql,
                    List.of(table + " DROP COLUMN " + id(was.name()) + ";", table + " ADD COLUMN " + was.sql() + ";"));
        }
        return new Change("alter column " + t + "." + want.name() + ": generated as " + want.defaultExpr(),
                List.of(table + " DROP COLUMN " + id(was.name()) + ";", table + " ADD COLUMN " + want.sql() + ";"),
                List.of(table + " DROP COLUMN " + id(want.name()) + ";", table + " ADD COLUMN " + was.sql() + ";"),
                was.generated() && !want.generated() ? "DESTRUCTIVE: " + t + "." + was.name() + " was a virtual generated column (PostgreSQL 18 "
                        + "cannot keep its values when it becomes a plain one): it comes back empty."
                        : was.generated() ? null : "DESTRUCTIVE: the values of " + t + "." + was.name() + " are replaced by the computed ones.")
                .accepting(DropColumn.ID, "a stored generated column's expression can only change by re-adding the column; its values are computed again.");
    }

    /** Identity added (numbering after the highest existing value), removed, or switched between ALWAYS and BY DEFAULT. */
    private static Change identity(String t, Column was, Column want) {
        String col = "ALTER TABLE " + rel(t) + " ALTER COLUMN " + id(want.name());
        List<String> sql = new ArrayList<>();
        List<String> back = new ArrayList<>();
        Change change;
        if (was.identity() == ' ') {
            Column plain = new Column(want.name(), want.type(), null, true);
            sql.addAll(steps(t, was, plain));
            sql.add(col + " ADD" + want.identitySql() + ";");
            sql.add("SELECT setval(pg_get_serial_sequence(" + budgetron.db.schema.Sql.literal(rel(t)) + ", " + budgetron.db.schema.Sql.literal(want.name())
                    + "), coalesce(max(" + id(want.name()) + "), 0) + 1, false) FROM " + rel(t) + ";");
            back.add(col + " DROP IDENTITY;");
            back.addAll(steps(t, plain, was));
            // the new identity starts after the highest existing value (setval, in the same changeset)
            change = new Change("alter column " + t + "." + want.name() + ":" + want.identitySql(), sql, back);
        } else if (want.identity() == ' ') {
            sql.add(col + " DROP IDENTITY;");
            Column plain = new Column(was.name(), was.type(), null, true);
            sql.addAll(steps(t, plain, want));
            back.addAll(steps(t, want, plain));
            back.add(col + " ADD" + was.identitySql() + ";");
            change = new Change("alter column " + t + "." + want.name() + ": identity dropped", sql, back);
        } else {
            sql.add(col + (want.identity() == 'a' ? " SET GENERATED ALWAYS;" : " SET GENERATED BY DEFAULT;"));
            back.add(col + (was.identity() == 'a' ? " SET GENERATED ALWAYS;" : " SET GENERATED BY DEFAULT;"));
            change = new Change("alter column " + t + "." + want.name() + ":" + want.identitySql(), sql, back);
        }
        return change;
    }

    static List<Change> notNull(String t, String column) {
        String table = rel(t);
        String check = id(LiveSafety.shorten(budgetron.db.schema.Sql.bare(t) + "_" + column + "_not_null"));
        String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + id(column) + " IS NOT NULL) NOT VALID;";
        String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";";
        return List.of(
                new Change("NOT NULL " + t + "." + column + ", step 1 of 3: a CHECK (" + column + " IS NOT NULL) added NOT VALID", List.of(add), List.of(drop))
                        .because(LiveSafety.NOT_NULL_STEPS).checking(List.of(DataCheck.notNull(t, column))),
                new Change("NOT NULL " + t + "." + column + ", step 2 of 3: the check validated (a scan that lets reads and writes go on)",
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";"), List.of(LiveSafety.NOTHING_TO_UNDO)),
                new Change("NOT NULL " + t + "." + column + ", step 3 of 3: SET NOT NULL, taken from the validated check without a scan, "
                        + "and the check dropped", List.of("ALTER TABLE " + table + " ALTER COLUMN " + id(column) + " SET NOT NULL;", drop),
                        List.of(add, "ALTER TABLE " + table + " ALTER COLUMN " + id(column) + " DROP NOT NULL;")));
    }

    private static List<String> steps(String t, Column from, Column to) {
        String col = "ALTER TABLE " + rel(t) + " ALTER COLUMN " + id(to.name());
        List<String> sql = new ArrayList<>();
        boolean typeChanges = !from.type().equals(to.type());
        boolean defaultChanges = !Objects.equals(from.defaultExpr(), to.defaultExpr());
        if (typeChanges && from.defaultExpr() != null) {
            sql.add(col + " DROP DEFAULT;"); // the old default may not cast to the new type
        }
        if (typeChanges) {
            // USING only where PostgreSQL has no assignment cast: an explicit cast would cut a string to the new length
            String using = TypeCasts.assign(id(to.name()), from.type(), to.type());
            sql.add(col + " SET DATA TYPE " + to.type() + (using.equals(id(to.name())) ? "" : " USING " + using) + ";");
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
