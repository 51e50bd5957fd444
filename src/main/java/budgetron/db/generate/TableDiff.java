package budgetron.db.generate;

import budgetron.db.lint.rule.DropColumn;
import budgetron.db.lint.rule.DropTable;
import budgetron.db.lint.rule.Rename;
import budgetron.db.lint.rule.VolatileDefault;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Column;
import budgetron.db.schema.Catalog.Constraint;
import budgetron.db.schema.Catalog.Index;
import budgetron.db.schema.Catalog.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.rel;

/** Tables and their columns: declared renames, created and dropped tables, added, altered and dropped columns. */
final class TableDiff {
    private TableDiff() {
    }

    /** Applies declared table renames to a copy of the current catalog, and refuses undeclared look-alikes. */
    static Catalog renameTables(SchemaDiff d, Catalog current, Catalog desired, SchemaDiff.Renames declared, boolean allowDropAndAdd) {
        Map<String, Table> tables = new LinkedHashMap<>(current.tables());
        Map<String, Constraint> constraints = new LinkedHashMap<>(current.constraints());
        Map<String, Index> indexes = new LinkedHashMap<>(current.indexes());
        declared.tables().forEach((newName, oldName) -> {
            if (tables.containsKey(oldName) && !tables.containsKey(newName) && desired.tables().containsKey(newName)) {
                List<String> sql = new ArrayList<>(List.of("ALTER TABLE " + rel(oldName) + " RENAME TO " + id(budgetron.db.schema.Sql.bare(newName)) + ";"));
                List<String> back = new ArrayList<>();
                // PostgreSQL's default primary key name follows the table; foreign keys depend on it, so rename, never re-create
                String oldPk = oldName + "_pkey";
                String newPk = newName + "_pkey";
                Constraint pk = constraints.get(oldPk);
                Constraint wantPk = desired.constraints().get(newPk);
                if (pk != null && pk.type() == 'p' && wantPk != null && wantPk.type() == 'p' && !constraints.containsKey(newPk)) {
                    sql.add("ALTER TABLE " + rel(newName) + " RENAME CONSTRAINT " + id(oldPk) + " TO " + id(newPk) + ";");
                    back.add("ALTER TABLE " + rel(newName) + " RENAME CONSTRAINT " + id(newPk) + " TO " + id(oldPk) + ";");
                    constraints.remove(oldPk);
                    constraints.put(newPk, new Constraint(oldName, newPk, 'p', pk.definition(), pk.columns(), null));
                }
                back.add("ALTER TABLE " + rel(newName) + " RENAME TO " + id(budgetron.db.schema.Sql.bare(oldName)) + ";");
                d.renames.add(new Change("rename table " + oldName + " to " + newName, sql, back).accepting(Rename.ID, LiveSafety.RENAME_REASON));
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
        return current.with(tables, constraints, indexes);
    }

    /**
     * Whether an index or a constraint (other than NOT NULL) names the column: such a column is changed
     * in place, since its index would have to be built twice. Definitions name columns quoted or bare.
     */
    private static boolean indexed(Catalog catalog, String table, String column) {
        Pattern named = Pattern.compile("[(,\\s]\"?" + Pattern.quote(column) + "\"?[),\\s]");
        return catalog.constraints().values().stream().anyMatch(c -> c.table().equals(table) && c.columns().contains(column))
                || catalog.indexes().values().stream().anyMatch(i -> i.table().equals(table) && named.matcher(i.definition()).find());
    }

    private static boolean similar(Table a, Table b) {
        Set<String> shared = new HashSet<>(a.columns().keySet());
        shared.retainAll(b.columns().keySet());
        return shared.size() * 2 >= Math.min(a.columns().size(), b.columns().size()) && !shared.isEmpty();
    }

    static void diff(SchemaDiff d, Catalog current, Catalog desired, SchemaDiff.Renames declared, boolean allowDropAndAdd) {
        for (Table want : desired.tables().values()) {
            Table have = current.tables().get(want.name());
            if (have == null) {
                d.createTables.add(createTable(want, desired));
            } else {
                columns(d, have, want, declared.columns().getOrDefault(want.name(), Map.of()), allowDropAndAdd, current);
            }
        }
        for (Table have : current.tables().values()) {
            if (!desired.tables().containsKey(have.name())) {
                Change drop = new Change("drop table " + have.name(),
                        List.of("DROP TABLE " + rel(have.name()) + ";"),
                        fullDefinition(have, current),
                        "DESTRUCTIVE: drops table " + have.name() + " and every row in it; migrate backs the rows up first (backups on) "
                                + "and the rollback re-creates the table whole and puts them back")
                        .accepting(DropTable.ID, LiveSafety.DROP_TABLE_REASON);
                if (d.release != null) {
                    d.release.dropTable(drop); // the running release may still read it: dropped at the contract
                } else {
                    d.dropTables.add(drop);
                }
            }
        }
    }

    /**
     * What a dropped table's rollback re-creates: the table with its constraints and indexes, its own
     * foreign keys and its comments (the foreign keys of other tables that point at it have
     * changesets of their own, whose rollbacks run after this one).
     */
    static List<String> fullDefinition(Table t, Catalog in) {
        List<String> sql = new ArrayList<>(createTable(t, in).sql());
        in.constraints().values().stream().filter(c -> c.table().equals(t.name()) && c.type() == 'f')
                .forEach(c -> sql.add(ConstraintDiff.addSql(c, in)));
        in.comments().forEach((key, text) -> {
            int colon = key.indexOf(':');
            if ((colon < 0 ? key : key.substring(0, colon)).equals(t.name())) {
                String target = colon < 0 ? "TABLE " + rel(t.name()) : "COLUMN " + rel(t.name()) + "." + id(key.substring(colon + 1));
                sql.add("COMMENT ON " + target + " IS " + budgetron.db.schema.Sql.literal(text) + ";");
            }
        });
        return sql;
    }

    /** CREATE TABLE with its primary key, unique and check constraints and indexes; foreign keys come later. */
    static Change createTable(Table t, Catalog in) {
        List<String> lines = new ArrayList<>();
        t.columns().values().forEach(c -> lines.add("\t" + c.sql()));
        in.constraints().values().stream().filter(c -> c.table().equals(t.name()) && c.type() != 'f')
                .forEach(c -> lines.add("\tCONSTRAINT " + id(c.name()) + " " + in.sql(c)));
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE " + rel(t.name()) + " (\n" + String.join(",\n", lines) + "\n);");
        in.indexes().values().stream().filter(i -> i.table().equals(t.name())).forEach(i -> sql.add(i.definition() + ";"));
        return new Change("create table " + t.name(), sql, List.of("DROP TABLE " + rel(t.name()) + ";"));
    }

    private static void columns(SchemaDiff d, Table have, Table want, Map<String, String> declared, boolean allowDropAndAdd, Catalog catalog) {
        String t = want.name();
        Map<String, Column> current = new LinkedHashMap<>(have.columns());
        declared.forEach((newName, oldName) -> {
            if (current.containsKey(oldName) && !current.containsKey(newName) && want.columns().containsKey(newName) && d.release != null
                    && !indexed(catalog, t, oldName)) {
                // zero-downtime: the new name beside the old, kept equal until the contract
                Column old = current.remove(oldName);
                d.release.rename(t, old, want.columns().get(newName), want);
                current.put(newName, old.renamed(newName));
            } else if (current.containsKey(oldName) && !current.containsKey(newName) && want.columns().containsKey(newName)) {
                d.renames.add(new Change("rename column " + t + "." + oldName + " to " + newName,
                        List.of("ALTER TABLE " + rel(t) + " RENAME COLUMN " + id(oldName) + " TO " + id(newName) + ";"),
                        List.of("ALTER TABLE " + rel(t) + " RENAME COLUMN " + id(newName) + " TO " + id(oldName) + ";"))
                        .accepting(Rename.ID, LiveSafety.RENAME_REASON));
                Column old = current.remove(oldName);
                current.put(newName, old.renamed(newName));
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
            if (a.notNull() && a.defaultExpr() == null && a.identity() == ' ' && !a.generated()) {
                throw new NeedsValueException("Column " + t + "." + a.name() + " is NOT NULL without a default, and " + t + " already exists: "
                        + "its rows (and the inserts of the release still running, which does not know the column) need a value. Give the field "
                        + "@ColumnDefault(\"...\") (a constant, or an expression such as now()), or make it nullable (optional = true / "
                        + "nullable = true) for this release and NOT NULL in the next one, once its values are filled; then generate again.");
            }
            Change add = new Change("add column " + t + "." + a.name(),
                    List.of("ALTER TABLE " + rel(t) + " ADD COLUMN " + a.sql() + ";"),
                    List.of("ALTER TABLE " + rel(t) + " DROP COLUMN " + id(a.name()) + ";"));
            d.addColumns.add(LiveSafety.volatileDefault(a.defaultExpr()) ? add.accepting(VolatileDefault.ID, LiveSafety.VOLATILE_REASON) : add);
        }
        for (Column was : current.values()) { // in the table's column order
            Column wanted = want.columns().get(was.name());
            if (wanted != null && !was.equals(wanted)) {
                if (d.release != null && !was.type().equals(wanted.type()) && !was.generated() && !wanted.generated()
                        && was.identity() == ' ' && wanted.identity() == ' ' && !indexed(catalog, t, was.name())) {
                    DataCheck castable = DataCheck.castable(t, was.name(), was.type(), wanted.type());
                    d.release.retype(t, was, wanted, want, castable);
                } else {
                    d.alterColumns.addAll(ColumnChange.alter(t, was, wanted));
                }
            }
        }
        for (Column g : gone) {
            if (d.release != null) {
                Change expand = d.release.dropColumn(t, g);
                if (expand != null) {
                    d.alterColumns.add(expand);
                }
                continue;
            }
            Column readdable = g.notNull() && g.defaultExpr() == null && g.identity() == ' ' ? g.withNotNull(false) : g;
            d.dropColumns.add(new Change("drop column " + t + "." + g.name(),
                    List.of("ALTER TABLE " + rel(t) + " DROP COLUMN " + id(g.name()) + ";"),
                    List.of("ALTER TABLE " + rel(t) + " ADD COLUMN " + readdable.sql() + ";"),
                    "DESTRUCTIVE: drops column " + t + "." + g.name() + " and its values; the rollback re-creates it"
                            + (readdable == g ? "" : " nullable,") + " without them.")
                    .accepting(DropColumn.ID, LiveSafety.DROP_COLUMN_REASON));
        }
    }
}
