package budgetron.db.generate;

import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Sequence;

import java.util.List;

import static budgetron.db.schema.Sql.rel;

/** Sequences (Hibernate's @GeneratedValue / @SequenceGenerator ones): created before the tables, altered, dropped after. */
final class SequenceDiff {
    private SequenceDiff() {
    }

    static void diff(SchemaDiff d, Catalog current, Catalog desired) {
        desired.sequences().forEach((name, want) -> {
            Sequence have = current.sequences().get(name);
            if (have == null) {
                d.sequences.add(new Change("create sequence " + name, List.of("CREATE SEQUENCE " + rel(name) + " " + want.options() + ";"),
                        List.of("DROP SEQUENCE " + rel(name) + ";")));
            } else if (!have.equals(want)) {
                // RESTART is not touched: the sequence goes on from where it is
                d.sequences.add(new Change("alter sequence " + name + ": " + want.options(),
                        List.of("ALTER SEQUENCE " + rel(name) + " " + want.options() + ";"),
                        List.of("ALTER SEQUENCE " + rel(name) + " " + have.options() + ";")));
            }
        });
        current.sequences().forEach((name, have) -> {
            if (!desired.sequences().containsKey(name)) {
                d.dropSequences.add(new Change("drop sequence " + name, List.of("DROP SEQUENCE " + rel(name) + ";"),
                        List.of("CREATE SEQUENCE " + rel(name) + " " + have.options() + ";"),
                        "Drops sequence " + name + "; the rollback re-creates it from its start value, not from where it was."));
            }
        });
    }
}
