package budgetron.db.generate;

import budgetron.db.schema.EnumLabels;
import budgetron.db.lint.rule.EnumValueRemoved;
import budgetron.db.lint.rule.TypeChange;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Column;
import budgetron.db.schema.Catalog.Table;

import java.util.ArrayList;
import java.util.List;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.rel;
import static budgetron.db.schema.Sql.literal;

/** Enum types: created, dropped, labels added in place, or the type rebuilt when labels go or move. */
public final class EnumDiff {
    private EnumDiff() {
    }

    static void diff(SchemaDiff d, Catalog current, Catalog desired) {
        desired.enums().forEach((name, labels) -> {
            List<String> had = current.enums().get(name);
            if (had == null) {
                d.enums.add(new Change("create enum " + name, List.of(create(name, labels)), List.of("DROP TYPE " + rel(name) + ";")));
            } else if (!had.equals(labels)) {
                d.enums.add(change(name, had, labels, current));
            }
        });
        current.enums().forEach((name, labels) -> {
            if (!desired.enums().containsKey(name)) {
                d.dropEnums.add(new Change("drop enum " + name, List.of("DROP TYPE " + rel(name) + ";"), List.of(create(name, labels))));
            }
        });
    }

    private static String create(String name, List<String> labels) {
        return "CREATE TYPE " + rel(name) + " AS ENUM (" + String.join(", ", labels.stream().map(l -> literal(l)).toList()) + ");";
    }

    /** Appended or inserted labels: ALTER TYPE ADD VALUE. Removed or reordered ones: the type is rebuilt through text, as Drizzle's 0004 did. */
    private static Change change(String name, List<String> had, List<String> want, Catalog current) {
        List<String> rebuildBack = rebuild(name, want, had, current);
        if (EnumLabels.onlyAdds(had, want)) {
            List<String> sql = new ArrayList<>();
            List<String> sofar = new ArrayList<>(had);
            for (int i = 0; i < want.size(); i++) {
                String label = want.get(i);
                if (!sofar.contains(label)) {
                    String anchor = i + 1 < want.size() && sofar.contains(want.get(i + 1))
                            ? " BEFORE " + literal(want.get(i + 1)) : (i > 0 ? " AFTER " + literal(want.get(i - 1)) : "");
                    sql.add("ALTER TYPE " + rel(name) + " ADD VALUE " + literal(label) + anchor + ";");
                    sofar.add(i, label);
                }
            }
            return new Change("add values to enum " + name, sql, rebuildBack, null);
        }
        List<String> removed = had.stream().filter(l -> !want.contains(l)).toList();
        DataCheck unused = DataCheck.labelsUnused(name, columnsOf(name, current), removed);
        return new Change("rebuild enum " + name + " as (" + String.join(", ", want) + ")", rebuild(name, had, want, current), rebuildBack,
                "Rebuilds enum " + name + " through text: fails if a row holds a label that is removed.")
                .accepting(EnumValueRemoved.ID, LiveSafety.ENUM_REASON)
                .accepting(TypeChange.ID, LiveSafety.ENUM_REASON)
                .checking(unused == null ? List.of() : List.of(unused));
    }

    /** The (table, column) pairs whose type is this enum. */
    private static List<String[]> columnsOf(String name, Catalog current) {
        String qualified = name.contains(".") ? name : "public." + (name.matches("[a-z_][a-z0-9_]*") ? name : id(name));
        List<String[]> out = new ArrayList<>();
        for (Table t : current.tables().values()) {
            for (Column c : t.columns().values()) {
                if (c.type().equals(qualified)) {
                    out.add(new String[]{t.name(), c.name()});
                }
            }
        }
        return out;
    }

    /** Every column of the type goes to text, the type is re-created with the new labels, the columns come back. */
    private static List<String> rebuild(String name, List<String> from, List<String> to, Catalog current) {
        String qualified = name.contains(".") ? name : "public." + (name.matches("[a-z_][a-z0-9_]*") ? name : id(name));
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Table t : current.tables().values()) {
            for (Column c : t.columns().values()) {
                if (c.type().equals(qualified)) {
                    String col = "ALTER TABLE " + rel(t.name()) + " ALTER COLUMN " + id(c.name());
                    if (c.defaultExpr() != null) {
                        before.add(col + " DROP DEFAULT;");
                    }
                    before.add(col + " SET DATA TYPE text;");
                    after.add(col + " SET DATA TYPE " + rel(name) + " USING " + id(c.name()) + "::" + rel(name) + ";");
                    if (c.defaultExpr() != null) {
                        after.add(col + " SET DEFAULT " + c.defaultExpr() + ";");
                    }
                }
            }
        }
        List<String> sql = new ArrayList<>(before);
        sql.add("DROP TYPE " + rel(name) + ";");
        sql.add(create(name, to));
        sql.addAll(after);
        return sql;
    }
}
