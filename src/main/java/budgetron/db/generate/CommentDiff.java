package budgetron.db.generate;

import budgetron.db.schema.Catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.literal;

/** COMMENT ON TABLE / COLUMN (@Comment), set, changed or removed; after the tables and columns exist. */
final class CommentDiff {
    private CommentDiff() {
    }

    static void diff(SchemaDiff d, Catalog current, Catalog desired) {
        Set<String> keys = new TreeSet<>(desired.comments().keySet());
        keys.addAll(current.comments().keySet());
        for (String key : keys) {
            String want = desired.comments().get(key);
            String have = current.comments().get(key);
            String table = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (Objects.equals(want, have) || !desired.tables().containsKey(table)
                    || key.contains(".") && !desired.tables().get(table).columns().containsKey(key.substring(key.indexOf('.') + 1))) {
                continue; // unchanged, or goes with its table or column
            }
            String target = key.contains(".") ? "COLUMN " + id(table) + "." + id(key.substring(key.indexOf('.') + 1)) : "TABLE " + id(table);
            d.comments.add(new Change((want == null ? "remove comment on " : "comment on ") + key,
                    List.of("COMMENT ON " + target + " IS " + (want == null ? "NULL" : literal(want)) + ";"),
                    List.of("COMMENT ON " + target + " IS " + (have == null ? "NULL" : literal(have)) + ";")));
        }
    }
}
