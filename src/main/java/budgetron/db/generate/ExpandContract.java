package budgetron.db.generate;

import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Column;
import budgetron.db.schema.Catalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static budgetron.db.schema.Sql.bare;
import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.literal;
import static budgetron.db.schema.Sql.rel;

/**
 * The changes that would break the release still running (a rename, a type change, a dropped column
 * or table) written as an expand that both releases can use and a contract that waits for the old
 * release to be gone (docs/zero-downtime.md):
 * <ul>
 * <li>expand: the new release's columns are added beside the old ones (a type change under a
 * temporary name), a trigger copies every write of either release into the other's columns, the new
 * release reads a renamed or retyped table through a view in its release schema
 * ({@code budgetron_NNNN}, first in its search_path), and a batched backfill fills the new columns;</li>
 * <li>contract: the old columns, the trigger and the views dropped, the temporary names taken back.
 * Its precondition counts the connections of older releases (application_name {@code budgetron:NNNN})
 * and, while there are any, skips it (onFail:CONTINUE): every later migrate tries again.</li>
 * </ul>
 * The old release needs no change: it keeps its columns, with their types, and every statement it
 * prepared stays valid. {@link #RELEASE} stands for the changelog file's number until it is written.
 */
final class ExpandContract {
    /** Replaced by the changelog file's number (0012) when the file is written. */
    static final String RELEASE = "@@RELEASE@@";
    static final String SCHEMA = "budgetron_" + RELEASE;
    static final String WHY = "Zero-downtime: the release still running keeps its columns and types; a trigger copies each release's "
            + "writes into the other's columns until the contract (docs/zero-downtime.md).";

    /** One column both releases use under different names or types: old is the running release's, fresh the new one's. */
    private record Sync(String oldColumn, Column fresh, String physical, String up, String down, DataCheck check) {
    }

    private final Map<String, List<Sync>> syncs = new LinkedHashMap<>();
    private final Map<String, Table> desiredTables = new LinkedHashMap<>();
    private final List<Change> contracts = new ArrayList<>();

    /** A declared rename: the new column added beside the old, kept equal by the trigger. */
    void rename(String table, Column old, Column fresh, Table desired) {
        desiredTables.put(table, desired);
        syncs.computeIfAbsent(table, k -> new ArrayList<>()).add(new Sync(old.name(), fresh.withType(old.type()), fresh.name(), id(old.name()),
                id(fresh.name()), null));
    }

    /** A type change: the new type under a temporary name, read as the column's name through the new release's view. */
    void retype(String table, Column was, Column want, Table desired, DataCheck castable) {
        desiredTables.put(table, desired);
        String temp = LiveSafety.shorten("_bn" + RELEASE + "_" + want.name());
        syncs.computeIfAbsent(table, k -> new ArrayList<>()).add(new Sync(was.name(), want, temp,
                TypeCasts.assign(id(was.name()), was.type(), want.type()), TypeCasts.assign(id(temp), want.type(), was.type()), castable));
    }

    /** A column the new release no longer maps: it may no longer be required (the new release does not write it); dropped at the contract. */
    Change dropColumn(String table, Column gone) {
        String col = "ALTER TABLE " + rel(table) + " ALTER COLUMN " + id(gone.name());
        Column readdable = gone.notNull() && gone.defaultExpr() == null && gone.identity() == ' ' ? gone.withNotNull(false) : gone;
        contracts.add(new Change("contract: drop column " + table + "." + gone.name(),
                List.of("ALTER TABLE " + rel(table) + " DROP COLUMN " + id(gone.name()) + ";"),
                List.of("ALTER TABLE " + rel(table) + " ADD COLUMN " + readdable.sql() + ";"),
                "DESTRUCTIVE: drops column " + table + "." + gone.name() + " and its values once the previous release is gone; "
                        + "migrate backs them up first (backups on) and the rollback puts them back")
                .accepting(budgetron.db.lint.rule.DropColumn.ID, "the column left the entities; it is dropped only when no connection of "
                        + "the previous release is open (contract).").contract());
        if (readdable == gone) {
            return null;
        }
        // the new release inserts rows without it: no longer required (the rollback leaves it so: rows the new release wrote have none)
        return new Change("expand: " + table + "." + gone.name() + " no longer required (the new release does not write it)",
                List.of(col + " DROP NOT NULL;"), List.of("SELECT 'kept nullable: rows the new release wrote hold no value in " + gone.name() + "';"))
                .because(WHY);
    }

    /** A table the new release no longer maps: dropped at the contract. */
    void dropTable(Change drop) {
        contracts.add(new Change("contract: " + drop.title(), drop.sql(), drop.rollback(), drop.warning() + ", once the previous release is gone",
                true, drop.accepts(), null).contract());
    }

    boolean isEmpty() {
        return syncs.isEmpty() && contracts.isEmpty();
    }

    /** The expand changesets (after every other change to the tables), the backfills, then the contract ones. */
    List<Change> changes(Catalog current) {
        List<Change> expand = new ArrayList<>();
        List<Change> backfill = new ArrayList<>();
        List<Change> notNull = new ArrayList<>();
        List<Change> contract = new ArrayList<>();
        if (!syncs.isEmpty()) {
            expand.add(new Change("expand: release schema " + SCHEMA + " and the backfill procedure", setup(),
                    List.of("DROP SCHEMA IF EXISTS " + SCHEMA + ";")).because(WHY)
                    .accepting(budgetron.db.lint.rule.MixedDdlDml.ID, "the backfill procedure's body names UPDATE; nothing runs here."));
        }
        syncs.forEach((table, list) -> {
            Table desired = desiredTables.get(table);
            String fn = SCHEMA + "." + id("sync_" + bare(table));
            String trigger = id(LiveSafety.shorten("budgetron_" + RELEASE + "_sync_" + bare(table)));
            List<String> sql = new ArrayList<>();
            List<String> back = new ArrayList<>();
            for (Sync s : list) {
                Column added = new Column(s.physical(), s.fresh().type(), s.fresh().defaultExpr(), false);
                sql.add("ALTER TABLE " + rel(table) + " ADD COLUMN " + added.sql() + ";");
            }
            sql.add(function(fn, list));
            sql.add("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + rel(table) + " FOR EACH ROW EXECUTE FUNCTION " + fn + "();");
            String view = null;
            if (list.stream().anyMatch(s -> !s.physical().equals(s.fresh().name()))) {
                view = SCHEMA + "." + id(bare(table));
                sql.add("CREATE VIEW " + view + " AS SELECT " + viewColumns(desired, list) + " FROM " + rel(table) + ";");
                back.add("DROP VIEW IF EXISTS " + view + ";");
            }
            back.add("DROP TRIGGER IF EXISTS " + trigger + " ON " + rel(table) + ";");
            back.add("DROP FUNCTION IF EXISTS " + fn + "();");
            for (Sync s : list) {
                back.add("ALTER TABLE " + rel(table) + " DROP COLUMN IF EXISTS " + id(s.physical()) + ";");
            }
            String names = String.join(", ", list.stream().map(s -> s.oldColumn() + " -> " + s.fresh().name()
                    + (s.physical().equals(s.fresh().name()) ? "" : " " + s.fresh().type())).toList());
            // the data checked before anything is added: a value the new type would change or refuse stops migrate here
            List<DataCheck> checks = list.stream().map(Sync::check).filter(java.util.Objects::nonNull).toList();
            expand.add(new Change("expand: " + table + " (" + names + ") for both releases", sql, back).because(WHY).checking(checks));
            String set = String.join(", ", list.stream().map(s -> id(s.physical()) + " = " + s.up()).toList());
            backfill.add(new Change("backfill " + table + " (" + names + ") in batches, resumable",
                    List.of("CALL budgetron_release.backfill(" + literal(RELEASE) + ", " + literal(rel(table)) + ", " + literal(set) + ");"),
                    List.of("SELECT 'a backfill has nothing to undo';")).outsideTransaction()
                    .because("Outside a transaction: each batch of pages commits on its own, so the rows are not locked for long and a killed "
                            + "backfill goes on from its last batch (budgetron_release.backfills)."));
            List<String> csql = new ArrayList<>();
            List<String> cback = new ArrayList<>();
            if (view != null) {
                csql.add("DROP VIEW IF EXISTS " + view + ";");
            }
            csql.add("DROP TRIGGER IF EXISTS " + trigger + " ON " + rel(table) + ";");
            csql.add("DROP FUNCTION IF EXISTS " + fn + "();");
            for (Sync s : list) {
                csql.add("ALTER TABLE " + rel(table) + " DROP COLUMN " + id(s.oldColumn()) + ";");
                if (!s.physical().equals(s.fresh().name())) {
                    csql.add("ALTER TABLE " + rel(table) + " RENAME COLUMN " + id(s.physical()) + " TO " + id(s.fresh().name()) + ";");
                }
            }
            // the rollback puts the expand back: old columns again, filled from the new ones, the trigger and the view
            Column[] olds = list.stream().map(s -> current.tables().get(table).columns().get(s.oldColumn())).toArray(Column[]::new);
            for (int i = 0; i < list.size(); i++) {
                Sync s = list.get(i);
                if (!s.physical().equals(s.fresh().name())) {
                    cback.add("ALTER TABLE " + rel(table) + " RENAME COLUMN " + id(s.fresh().name()) + " TO " + id(s.physical()) + ";");
                }
                cback.add("ALTER TABLE " + rel(table) + " ADD COLUMN " + olds[i].withNotNull(false).sql() + ";");
                cback.add("UPDATE " + rel(table) + " SET " + id(s.oldColumn()) + " = " + s.down() + ";");
                if (olds[i].notNull()) {
                    cback.add("ALTER TABLE " + rel(table) + " ALTER COLUMN " + id(s.oldColumn()) + " SET NOT NULL;");
                }
            }
            cback.add(function(fn, list));
            cback.add("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + rel(table) + " FOR EACH ROW EXECUTE FUNCTION " + fn + "();");
            if (view != null) {
                cback.add("CREATE VIEW " + view + " AS SELECT " + viewColumns(desired, list) + " FROM " + rel(table) + ";");
            }
            contract.add(new Change("contract: " + table + " (" + names + "): the previous release's columns, trigger and view dropped",
                    csql, cback, null, true, List.of(), null)
                    .accepting(budgetron.db.lint.rule.DropColumn.ID, "the previous release's columns: their values live on in the new ones.")
                    .accepting(budgetron.db.lint.rule.Rename.ID, "the new release already reads the column under this name (its view); "
                            + "the release that used the temporary name's absence is gone.")
                    .contract().withoutBackup("the values live on in the new release's columns, copied by the trigger and the backfill"));
            for (Sync s : list) {
                if (s.fresh().notNull()) {
                    List<Change> steps = ColumnChange.notNull(table, s.physical());
                    notNull.add(steps.get(0));
                    notNull.add(steps.get(1));
                    Change last = ColumnChange.notNull(table, s.fresh().name()).get(2);
                    String check = LiveSafety.shorten(bare(table) + "_" + s.physical() + "_not_null");
                    contract.add(new Change(last.title(), List.of("ALTER TABLE " + rel(table) + " ALTER COLUMN " + id(s.fresh().name()) + " SET NOT NULL;",
                            "ALTER TABLE " + rel(table) + " DROP CONSTRAINT " + id(check) + ";"),
                            List.of("ALTER TABLE " + rel(table) + " ADD CONSTRAINT " + id(check) + " CHECK (" + id(s.fresh().name()) + " IS NOT NULL) NOT VALID;",
                                    "ALTER TABLE " + rel(table) + " ALTER COLUMN " + id(s.fresh().name()) + " DROP NOT NULL;"))
                            .accepting(budgetron.db.lint.rule.SetNotNull.ID, "taken from the CHECK validated in the expand (on the column "
                                    + "under its temporary name): no scan.").contract());
                }
            }
        });
        contract.addAll(contracts);
        if (!syncs.isEmpty()) {
            contract.add(new Change("contract: release schema " + SCHEMA + " dropped", List.of("DROP SCHEMA IF EXISTS " + SCHEMA + ";"),
                    List.of("CREATE SCHEMA IF NOT EXISTS " + SCHEMA + ";")).contract());
        }
        List<Change> all = new ArrayList<>(expand);
        all.addAll(backfill);
        all.addAll(notNull);
        all.addAll(contract);
        return all;
    }

    /** The view the new release reads: its columns, each from the physical column that holds it now. */
    private static String viewColumns(Table desired, List<Sync> list) {
        List<String> cols = new ArrayList<>();
        for (String name : desired.columns().keySet()) {
            String physical = list.stream().filter(s -> s.fresh().name().equals(name)).map(Sync::physical).findFirst().orElse(name);
            cols.add(physical.equals(name) ? id(name) : id(physical) + " AS " + id(name));
        }
        return String.join(", ", cols);
    }

    /**
     * The trigger function: a write of the new release (its schema in the session's search_path) is
     * copied into the old columns, any other write (the old release, a script, the backfill) into the new.
     */
    private static String function(String fn, List<Sync> list) {
        StringBuilder up = new StringBuilder();
        StringBuilder down = new StringBuilder();
        for (Sync s : list) {
            down.append("    NEW.").append(id(s.oldColumn())).append(" := ").append(s.down().replace(id(s.physical()), "NEW." + id(s.physical()))).append(";\n");
            up.append("    NEW.").append(id(s.physical())).append(" := ").append(s.up().replace(id(s.oldColumn()), "NEW." + id(s.oldColumn()))).append(";\n");
        }
        return "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  IF " + literal(SCHEMA)
                + " = ANY (current_schemas(false)) THEN\n" + down + "  ELSE\n" + up + "  END IF;\n  RETURN NEW;\nEND\n$fn$;";
    }

    /** The release schema (views and trigger functions), and the backfill procedure with its progress table, shared by every release. */
    private static List<String> setup() {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + SCHEMA + ";",
                "CREATE SCHEMA IF NOT EXISTS budgetron_release;",
                "CREATE TABLE IF NOT EXISTS budgetron_release.backfills (release text NOT NULL, table_name text NOT NULL, next_block bigint NOT NULL, "
                        + "last_block bigint NOT NULL, rows_updated bigint NOT NULL DEFAULT 0, started timestamptz NOT NULL DEFAULT now(), "
                        + "updated timestamptz NOT NULL DEFAULT now(), done boolean NOT NULL DEFAULT false, PRIMARY KEY (release, table_name));",
                Backfill.PROCEDURE);
    }
}
