package budgetron.db.generate;

import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Constraint;
import budgetron.db.schema.Catalog.Index;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Existing names never change. A unique constraint, foreign key or index that the entities leave
 * unnamed gets the generator's convention in the entities' schema; when the database already has the
 * same one (same table, kind and definition) under another name — an older convention, a name a DBA
 * chose — the desired schema takes the database's name, so that the diff renames nothing.
 */
final class Names {
    private Names() {
    }

    static Catalog keepExisting(Catalog current, Catalog desired, Set<String> declared) {
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(desired.constraints().keySet());
        for (Constraint want : desired.constraints().values()) {
            Constraint kept = want;
            if ((want.type() == 'u' || want.type() == 'f') && !declared.contains(want.name()) && !current.constraints().containsKey(want.key())) {
                for (Constraint have : current.constraints().values()) {
                    if (have.table().equals(want.table()) && have.type() == want.type() && have.definition().equals(want.definition())
                            && !taken.contains(have.key())) {
                        kept = new Constraint(want.table(), have.name(), want.type(), want.definition(), want.columns(), want.referencedTable());
                        taken.add(have.key());
                        break;
                    }
                }
            }
            constraints.put(kept.key(), kept);
        }
        Map<String, Index> indexes = new LinkedHashMap<>();
        Set<String> takenIndexes = new HashSet<>(desired.indexes().keySet());
        for (Index want : desired.indexes().values()) {
            Index kept = want;
            if (!declared.contains(want.name()) && !current.indexes().containsKey(want.key())) {
                for (Index have : current.indexes().values()) {
                    if (have.table().equals(want.table()) && unnamed(have).equals(unnamed(want)) && !takenIndexes.contains(have.key())) {
                        kept = new Index(want.table(), have.name(), have.definition());
                        takenIndexes.add(have.key());
                        break;
                    }
                }
            }
            indexes.put(kept.key(), kept);
        }
        return desired.with(desired.tables(), constraints, indexes);
    }

    /** pg_get_indexdef's text without the index's own name: CREATE INDEX x ON t … and CREATE INDEX y ON t … are the same index. */
    private static String unnamed(Index i) {
        return i.definition().replaceFirst("^(CREATE (?:UNIQUE )?INDEX )\\S+ ", "$1");
    }
}
