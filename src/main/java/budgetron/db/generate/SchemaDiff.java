package budgetron.db.generate;

import budgetron.db.schema.Catalog.Column;
import budgetron.db.schema.Catalog.Constraint;
import budgetron.db.schema.Catalog.Index;
import budgetron.db.schema.Catalog.Table;
import budgetron.db.schema.Catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.literal;

/**
 * The changes that turn the current catalog into the desired one, in an order PostgreSQL accepts:
 * dependent constraints are dropped before what they depend on and added after it. Both catalogs
 * are read from real PostgreSQL databases with the same functions, so equal objects read equal and
 * nothing is reported that did not change.
 */
public final class SchemaDiff {
    /** Declared renames: table new→old, and per table column new→old. */
    public record Renames(Map<String, String> tables, Map<String, Map<String, String>> columns) {
        public static Renames none() {
            return new Renames(Map.of(), Map.of());
        }
    }

    private final List<Change> dropForeignKeys = new ArrayList<>();
    private final List<Change> dropConstraints = new ArrayList<>();
    private final List<Change> renames = new ArrayList<>();
    private final List<Change> enums = new ArrayList<>();
    private final List<Change> createTables = new ArrayList<>();
    private final List<Change> addColumns = new ArrayList<>();
    private final List<Change> alterColumns = new ArrayList<>();
    private final List<Change> dropColumns = new ArrayList<>();
    private final List<Change> dropTables = new ArrayList<>();
    private final List<Change> dropEnums = new ArrayList<>();
    private final List<Change> addConstraints = new ArrayList<>();
    private final List<Change> addForeignKeys = new ArrayList<>();

    private SchemaDiff() {
    }

    public static List<Change> between(Catalog current, Catalog desired, Renames declared, boolean allowDropAndAdd) {
        SchemaDiff diff = new SchemaDiff();
        Catalog renamed = diff.renameTables(current, desired, declared, allowDropAndAdd);
        diff.diffEnums(renamed, desired);
        diff.diffTables(renamed, desired, declared, allowDropAndAdd);
        diff.diffConstraints(renamed, desired);
        diff.diffIndexes(renamed, desired);
        List<Change> all = new ArrayList<>();
        for (List<Change> group : List.of(diff.dropForeignKeys, diff.dropConstraints, diff.renames, diff.enums, diff.createTables,
                diff.addColumns, diff.alterColumns, diff.dropColumns, diff.dropTables, diff.dropEnums, diff.addConstraints,
                diff.addForeignKeys)) {
            all.addAll(group);
        }
        return all;
    }

    // ---- tables --------------------------------------------------------------------------------

    /** Applies declared table renames to a copy of the current catalog, and refuses undeclared look-alikes. */
    private Catalog renameTables(Catalog current, Catalog desired, Renames declared, boolean allowDropAndAdd) {
        Map<String, Table> tables = new LinkedHashMap<>(current.tables());
        Map<String, Constraint> constraints = new LinkedHashMap<>(current.constraints());
        Map<String, Index> indexes = new LinkedHashMap<>(current.indexes());
        declared.tables().forEach((newName, oldName) -> {
            if (tables.containsKey(oldName) && !tables.containsKey(newName) && desired.tables().containsKey(newName)) {
                List<String> sql = new ArrayList<>(List.of("ALTER TABLE " + id(oldName) + " RENAME TO " + id(newName) + ";"));
                List<String> back = new ArrayList<>();
                // PostgreSQL's default primary key name follows the table; foreign keys depend on it, so rename, never re-create
                String oldPk = oldName + "_pkey";
                String newPk = newName + "_pkey";
                Constraint pk = constraints.get(oldPk);
                Constraint wantPk = desired.constraints().get(newPk);
                if (pk != null && pk.type() == 'p' && wantPk != null && wantPk.type() == 'p' && !constraints.containsKey(newPk)) {
                    sql.add("ALTER TABLE " + id(newName) + " RENAME CONSTRAINT " + id(oldPk) + " TO " + id(newPk) + ";");
                    back.add("ALTER TABLE " + id(newName) + " RENAME CONSTRAINT " + id(newPk) + " TO " + id(oldPk) + ";");
                    constraints.remove(oldPk);
                    constraints.put(newPk, new Constraint(oldName, newPk, 'p', pk.definition(), pk.columns(), null));
                }
                back.add("ALTER TABLE " + id(newName) + " RENAME TO " + id(oldName) + ";");
                renames.add(new Change("rename table " + oldName + " to " + newName, sql, back));
                tables.put(newName, new Table(newName, tables.remove(oldName).columns()));
                constraints.replaceAll((k, c) -> new Constraint(c.table().equals(oldName) ? newName : c.table(), c.name(), c.type(),
                        c.definition().replace("REFERENCES public." + oldName + "(", "REFERENCES public." + newName + "("),
                        c.columns(), oldName.equals(c.referencedTable()) ? newName : c.referencedTable()));
                indexes.replaceAll((k, i) -> i.table().equals(oldName)
                        ? new Index(newName, i.name(), i.definition().replace(" ON public." + oldName + " ", " ON public." + newName + " "))
                        : i);
            }
        });
        if (!allowDropAndAdd) {
            for (String gone : tables.keySet()) {
                if (desired.tables().containsKey(gone)) {
                    continue;
                }
                for (Table added : desired.tables().values()) {
                    if (!tables.containsKey(added.name()) && similar(tables.get(gone), added)) {
                        throw new RenameRefusedException("Table " + gone + " disappears and " + added.name()
                                + " appears with mostly the same columns: is it a rename? Declare it with @RenamedFrom(\"" + gone
                                + "\") on the entity of " + added.name() + " (its rows are kept), or, if you really mean to drop "
                                + gone + " and its data, ask for drop + add explicitly (--drop-and-add, or -Ddiff.dropAndAdd=true).");
                    }
                }
            }
        }
        return new Catalog(current.enums(), tables, constraints, indexes);
    }

    private static boolean similar(Table a, Table b) {
        Set<String> shared = new HashSet<>(a.columns().keySet());
        shared.retainAll(b.columns().keySet());
        return shared.size() * 2 >= Math.min(a.columns().size(), b.columns().size()) && !shared.isEmpty();
    }

    private void diffTables(Catalog current, Catalog desired, Renames declared, boolean allowDropAndAdd) {
        for (Table want : desired.tables().values()) {
            Table have = current.tables().get(want.name());
            if (have == null) {
                createTables.add(createTable(want, desired));
            } else {
                diffColumns(have, want, declared.columns().getOrDefault(want.name(), Map.of()), allowDropAndAdd);
            }
        }
        for (Table have : current.tables().values()) {
            if (!desired.tables().containsKey(have.name())) {
                dropTables.add(new Change("drop table " + have.name(),
                        List.of("DROP TABLE " + id(have.name()) + ";"),
                        createTable(have, current).sql(),
                        "DESTRUCTIVE: drops table " + have.name() + " and every row in it; the rollback re-creates it empty."));
            }
        }
    }

    /** CREATE TABLE with its primary key, unique and check constraints and indexes; foreign keys come later. */
    private static Change createTable(Table t, Catalog in) {
        List<String> lines = new ArrayList<>();
        t.columns().values().forEach(c -> lines.add("\t" + c.sql()));
        in.constraints().values().stream().filter(c -> c.table().equals(t.name()) && c.type() != 'f')
                .forEach(c -> lines.add("\tCONSTRAINT " + id(c.name()) + " " + c.definition()));
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE " + id(t.name()) + " (\n" + String.join(",\n", lines) + "\n);");
        in.indexes().values().stream().filter(i -> i.table().equals(t.name())).forEach(i -> sql.add(i.definition() + ";"));
        return new Change("create table " + t.name(), sql, List.of("DROP TABLE " + id(t.name()) + ";"));
    }

    // ---- columns -------------------------------------------------------------------------------

    private void diffColumns(Table have, Table want, Map<String, String> declared, boolean allowDropAndAdd) {
        String t = want.name();
        Map<String, Column> current = new LinkedHashMap<>(have.columns());
        declared.forEach((newName, oldName) -> {
            if (current.containsKey(oldName) && !current.containsKey(newName) && want.columns().containsKey(newName)) {
                renames.add(new Change("rename column " + t + "." + oldName + " to " + newName,
                        List.of("ALTER TABLE " + id(t) + " RENAME COLUMN " + id(oldName) + " TO " + id(newName) + ";"),
                        List.of("ALTER TABLE " + id(t) + " RENAME COLUMN " + id(newName) + " TO " + id(oldName) + ";")));
                Column old = current.remove(oldName);
                current.put(newName, new Column(newName, old.type(), old.defaultExpr(), old.notNull()));
            }
        });
        List<Column> added = want.columns().values().stream().filter(c -> !current.containsKey(c.name())).toList();
        List<Column> gone = current.values().stream().filter(c -> !want.columns().containsKey(c.name())).toList();
        if (!allowDropAndAdd) {
            for (Column g : gone) {
                for (Column a : added) {
                    if (g.type().equals(a.type())) {
                        throw new RenameRefusedException("Column " + t + "." + g.name() + " disappears and " + t + "." + a.name()
                                + " (also " + a.type() + ") appears: is it a rename? Declare it with @RenamedFrom(\"" + g.name()
                                + "\") on the field of " + a.name() + " (its values are kept), or, if you really mean to drop "
                                + g.name() + " and its values, ask for drop + add explicitly (--drop-and-add, or -Ddiff.dropAndAdd=true).");
                    }
                }
            }
        }
        for (Column a : added) {
            addColumns.add(new Change("add column " + t + "." + a.name(),
                    List.of("ALTER TABLE " + id(t) + " ADD COLUMN " + a.sql() + ";"),
                    List.of("ALTER TABLE " + id(t) + " DROP COLUMN " + id(a.name()) + ";")));
        }
        for (Column was : current.values()) { // in the table's column order
            Column wanted = want.columns().get(was.name());
            if (wanted != null && !was.equals(wanted)) {
                alterColumns.add(alterColumn(t, was, wanted));
            }
        }
        for (Column g : gone) {
            Column readdable = g.notNull() && g.defaultExpr() == null ? new Column(g.name(), g.type(), null, false) : g;
            dropColumns.add(new Change("drop column " + t + "." + g.name(),
                    List.of("ALTER TABLE " + id(t) + " DROP COLUMN " + id(g.name()) + ";"),
                    List.of("ALTER TABLE " + id(t) + " ADD COLUMN " + readdable.sql() + ";"),
                    "DESTRUCTIVE: drops column " + t + "." + g.name() + " and its values; the rollback re-creates it"
                            + (readdable == g ? "" : " nullable,") + " without them."));
        }
    }

    /** Type, default and nullability of one column, in the order PostgreSQL needs. */
    private static Change alterColumn(String t, Column was, Column want) {
        return new Change("alter column " + t + "." + want.name() + describe(was, want),
                alterSteps(t, was, want), alterSteps(t, want, was),
                was.type().equals(want.type()) ? null
                        : "Changes the type of " + t + "." + want.name() + " from " + was.type() + " to " + want.type()
                        + ": PostgreSQL rewrites the table, and values that do not fit make it fail.");
    }

    private static List<String> alterSteps(String t, Column from, Column to) {
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

    // ---- enums ---------------------------------------------------------------------------------

    private void diffEnums(Catalog current, Catalog desired) {
        desired.enums().forEach((name, labels) -> {
            List<String> had = current.enums().get(name);
            if (had == null) {
                enums.add(new Change("create enum " + name,
                        List.of("CREATE TYPE " + id(name) + " AS ENUM (" + String.join(", ", labels.stream().map(l -> literal(l)).toList()) + ");"),
                        List.of("DROP TYPE " + id(name) + ";")));
            } else if (!had.equals(labels)) {
                enums.add(changeEnum(name, had, labels, current));
            }
        });
        current.enums().forEach((name, labels) -> {
            if (!desired.enums().containsKey(name)) {
                dropEnums.add(new Change("drop enum " + name, List.of("DROP TYPE " + id(name) + ";"),
                        List.of("CREATE TYPE " + id(name) + " AS ENUM (" + String.join(", ", labels.stream().map(l -> literal(l)).toList()) + ");")));
            }
        });
    }

    /** Appended or inserted labels: ALTER TYPE ADD VALUE. Removed or reordered ones: the type is rebuilt through text, as Drizzle's 0004 did. */
    private static Change changeEnum(String name, List<String> had, List<String> want, Catalog current) {
        List<String> rebuildBack = rebuild(name, want, had, current);
        if (isSubsequence(had, want)) {
            List<String> sql = new ArrayList<>();
            List<String> sofar = new ArrayList<>(had);
            for (int i = 0; i < want.size(); i++) {
                String label = want.get(i);
                if (!sofar.contains(label)) {
                    String anchor = i + 1 < want.size() && sofar.contains(want.get(i + 1))
                            ? " BEFORE " + literal(want.get(i + 1)) : (i > 0 ? " AFTER " + literal(want.get(i - 1)) : "");
                    sql.add("ALTER TYPE " + id(name) + " ADD VALUE " + literal(label) + anchor + ";");
                    sofar.add(i, label);
                }
            }
            return new Change("add values to enum " + name, sql, rebuildBack,
                    null);
        }
        return new Change("rebuild enum " + name + " as (" + String.join(", ", want) + ")", rebuild(name, had, want, current), rebuildBack,
                "Rebuilds enum " + name + " through text: fails if a row holds a label that is removed.");
    }

    private static boolean isSubsequence(List<String> small, List<String> big) {
        int i = 0;
        for (String s : big) {
            if (i < small.size() && small.get(i).equals(s)) {
                i++;
            }
        }
        return i == small.size();
    }

    /** Every column of the type goes to text, the type is re-created with the new labels, the columns come back. */
    private static List<String> rebuild(String name, List<String> from, List<String> to, Catalog current) {
        String qualified = "public." + (name.matches("[a-z_][a-z0-9_]*") ? name : id(name));
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Table t : current.tables().values()) {
            for (Column c : t.columns().values()) {
                if (c.type().equals(qualified)) {
                    String col = "ALTER TABLE " + id(t.name()) + " ALTER COLUMN " + id(c.name());
                    if (c.defaultExpr() != null) {
                        before.add(col + " DROP DEFAULT;");
                    }
                    before.add(col + " SET DATA TYPE text;");
                    after.add(col + " SET DATA TYPE " + id(name) + " USING " + id(c.name()) + "::" + id(name) + ";");
                    if (c.defaultExpr() != null) {
                        after.add(col + " SET DEFAULT " + c.defaultExpr() + ";");
                    }
                }
            }
        }
        List<String> sql = new ArrayList<>(before);
        sql.add("DROP TYPE " + id(name) + ";");
        sql.add("CREATE TYPE " + id(name) + " AS ENUM (" + String.join(", ", to.stream().map(l -> literal(l)).toList()) + ");");
        sql.addAll(after);
        return sql;
    }

    // ---- constraints and indexes ---------------------------------------------------------------

    private void diffConstraints(Catalog current, Catalog desired) {
        for (Constraint have : current.constraints().values()) {
            Constraint want = desired.constraints().get(have.name());
            boolean tableGoes = !desired.tables().containsKey(have.table());
            if ((want == null || !sameConstraint(have, want)) && !tableGoes) {
                (have.type() == 'f' ? dropForeignKeys : dropConstraints).add(new Change("drop constraint " + have.name(),
                        List.of("ALTER TABLE " + id(have.table()) + " DROP CONSTRAINT " + id(have.name()) + ";"),
                        List.of(addConstraintSql(have))));
            }
        }
        for (Constraint want : desired.constraints().values()) {
            Constraint have = current.constraints().get(want.name());
            boolean tableIsNew = !current.tables().containsKey(want.table());
            if (tableIsNew && want.type() != 'f') {
                continue; // created inline with its table
            }
            if (have == null || !sameConstraint(have, want)) {
                (want.type() == 'f' ? addForeignKeys : addConstraints).add(new Change("add constraint " + want.name(),
                        List.of(addConstraintSql(want)),
                        List.of("ALTER TABLE " + id(want.table()) + " DROP CONSTRAINT " + id(want.name()) + ";")));
            }
        }
    }

    private static boolean sameConstraint(Constraint a, Constraint b) {
        return a.table().equals(b.table()) && a.type() == b.type() && a.definition().equals(b.definition());
    }

    private static String addConstraintSql(Constraint c) {
        return "ALTER TABLE " + id(c.table()) + " ADD CONSTRAINT " + id(c.name()) + " " + c.definition() + ";";
    }

    private void diffIndexes(Catalog current, Catalog desired) {
        for (Index have : current.indexes().values()) {
            Index want = desired.indexes().get(have.name());
            if ((want == null || !want.definition().equals(have.definition())) && desired.tables().containsKey(have.table())) {
                dropConstraints.add(new Change("drop index " + have.name(), List.of("DROP INDEX " + id(have.name()) + ";"),
                        List.of(have.definition() + ";")));
            }
        }
        for (Index want : desired.indexes().values()) {
            Index have = current.indexes().get(want.name());
            if (current.tables().containsKey(want.table()) && (have == null || !have.definition().equals(want.definition()))) {
                addConstraints.add(new Change("create index " + want.name(), List.of(want.definition() + ";"),
                        List.of("DROP INDEX " + id(want.name()) + ";")));
            }
        }
    }
}
