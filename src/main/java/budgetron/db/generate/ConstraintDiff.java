package budgetron.db.generate;

import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Constraint;
import budgetron.db.schema.Catalog.Index;

import java.util.List;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.rel;

/**
 * Constraints and indexes. On a table that already exists (and so may hold rows) they are added the
 * way that keeps the table usable: foreign keys and checks NOT VALID then validated in a changeset
 * of their own; indexes, and unique or primary keys through their index, built CONCURRENTLY.
 */
final class ConstraintDiff {
    private ConstraintDiff() {
    }

    static void constraints(SchemaDiff d, Catalog current, Catalog desired) {
        for (Constraint have : current.constraints().values()) {
            Constraint want = desired.constraints().get(have.key());
            boolean tableGoes = !desired.tables().containsKey(have.table());
            if (want != null && !same(have, want) && have.table().equals(want.table()) && have.type() == want.type()) {
                continue; // changed in place: one changeset, below, drops and re-adds it
            }
            if ((want == null || !same(have, want)) && !tableGoes) {
                (have.type() == 'f' ? d.dropForeignKeys : d.dropConstraints).add(new Change("drop constraint " + have.name(),
                        List.of("ALTER TABLE " + rel(have.table()) + " DROP CONSTRAINT " + id(have.name()) + ";"),
                        List.of(addSql(have, current))));
            }
        }
        for (Constraint want : desired.constraints().values()) {
            Constraint have = current.constraints().get(want.key());
            boolean tableIsNew = !current.tables().containsKey(want.table());
            if (tableIsNew && want.type() != 'f') {
                continue; // created inline with its table
            }
            if (have == null || !same(have, want)) {
                List<Change> target = want.type() == 'f' ? d.addForeignKeys : d.addConstraints;
                List<Change> adds = tableIsNew ? List.of(plain(want, desired)) : LiveSafety.addConstraint(want, addSql(want, desired));
                if (have != null && have.table().equals(want.table()) && have.type() == want.type()) {
                    adds = replacing(have, adds, current);
                }
                target.addAll(adds);
            }
        }
    }

    /** A changed constraint (ON DELETE CASCADE removed, say): its drop goes into the changeset that adds it anew. */
    private static List<Change> replacing(Constraint have, List<Change> adds, Catalog current) {
        List<Change> out = new java.util.ArrayList<>(adds);
        // the first transactional change of the add takes the drop; a concurrent index step cannot, so it gets its own
        int at = 0;
        while (at < out.size() && !out.get(at).transactional()) {
            at++;
        }
        String drop = "ALTER TABLE " + rel(have.table()) + " DROP CONSTRAINT " + id(have.name()) + ";";
        if (at == out.size() || at > 0) {
            out.add(0, new Change("drop constraint " + have.name() + " (changed)", List.of(drop), List.of(addSql(have, current))));
            return out;
        }
        Change first = out.get(0);
        List<String> sql = new java.util.ArrayList<>(List.of(drop));
        sql.addAll(first.sql());
        List<String> back = new java.util.ArrayList<>(first.rollback());
        back.add(addSql(have, current));
        out.set(0, new Change("change constraint " + have.name() + ": " + first.title().replace("add constraint " + have.name(), "").trim(),
                sql, back, first.warning(), true, first.accepts(), first.why(), first.checks()));
        return out;
    }

    private static Change plain(Constraint want, Catalog desired) {
        return new Change("add constraint " + want.name(), List.of(addSql(want, desired)),
                List.of("ALTER TABLE " + rel(want.table()) + " DROP CONSTRAINT " + id(want.name()) + ";"));
    }

    private static boolean same(Constraint a, Constraint b) {
        return a.table().equals(b.table()) && a.type() == b.type() && a.definition().equals(b.definition());
    }

    /** ADD CONSTRAINT in the words of the catalog c comes from (the entities' own for the desired schema). */
    static String addSql(Constraint c, Catalog in) {
        return "ALTER TABLE " + rel(c.table()) + " ADD CONSTRAINT " + id(c.name()) + " " + in.sql(c) + ";";
    }

    static void indexes(SchemaDiff d, Catalog current, Catalog desired) {
        for (Index have : current.indexes().values()) {
            Index want = desired.indexes().get(have.key());
            if ((want == null || !want.definition().equals(have.definition())) && desired.tables().containsKey(have.table())) {
                d.dropConstraints.add(LiveSafety.dropIndex(have));
            }
        }
        for (Index want : desired.indexes().values()) {
            Index have = current.indexes().get(want.key());
            if (current.tables().containsKey(want.table()) && (have == null || !have.definition().equals(want.definition()))) {
                d.addConstraints.add(LiveSafety.createIndex(want));
            }
        }
    }
}
