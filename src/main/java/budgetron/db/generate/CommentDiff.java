package budgetron.db.generate;

import budgetron.db.schema.Catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.literal;
import static budgetron.db.schema.Sql.rel;

/** COMMENT ON TABLE / COLUMN (@Comment), set, changed or removed; after the tables and columns exist. Keys: "table", "table:column". */
final class CommentDiff {
    private CommentDiff() {
    }

    static void diff(SchemaDiff d, Catalog current, Catalog desired) {
        Set<String> keys = new TreeSet<>(desired.comments().keySet());
        keys.addAll(current.comments().keySet());
        for (String key : keys) {
            String want = desired.comments().get(key);
            String have = current.comments().get(key);
            int colon = key.indexOf(':');
            String table = colon < 0 ? key : key.substring(0, colon);
            String column = colon < 0 ? null : key.substring(colon + 1);
            if (Objects.equals(want, have) || !desired.tables().containsKey(table)
                    || column != null && !desired.tables().get(table).columns().containsKey(column)) {
                continue; // unchanged, or goes with its table or column
            }
            String target = column != null ? "COLUMN " + rel(table) + "." + id(column) : "TABLE " + rel(table);
            String what = column != null ? table + "." + column : table;
            d.comments.add(new Change((want == null ? "remove comment on " : "comment on ") + what,
                    List.of("COMMENT ON " + target + " IS " + (want == null ? "NULL" : literal(want)) + ";"),
                    List.of("COMMENT ON " + target + " IS " + (have == null ? "NULL" : literal(have)) + ";")));
        }
    }
}
