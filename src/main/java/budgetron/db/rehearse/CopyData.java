package budgetron.db.rehearse;

import budgetron.db.schema.Catalog;
import budgetron.db.schema.Sql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows, streamed table by table with the COPY protocol in PostgreSQL's binary format: the
 * source's COPY TO STDOUT read in its read-only snapshot, written as the copy's COPY FROM STDIN in
 * 256 KiB chunks, so memory stays flat whatever the table's size. With a sample, at most N rows a
 * table, parents first, each child's rows chosen among those whose parents were copied; rows left
 * pointing at nothing (cycles, self-references) are deleted from the copy before its foreign keys
 * are added.
 */
final class CopyData {
    private static final int CHUNK = 256 * 1024;

    private CopyData() {
    }

    /** Rows copied per table (catalog key), in the order copied. */
    static Map<String, Long> copy(Connection source, Connection copy, Catalog catalog, Long sample) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : sample == null ? new ArrayList<>(catalog.tables().keySet()) : parentsFirst(catalog)) {
            List<String> columns = catalog.tables().get(table).columns().values().stream()
                    .filter(c -> !c.generated()).map(c -> Sql.id(c.name())).toList();
            String list = String.join(", ", columns);
            String out = sample == null ? "COPY " + Sql.rel(table) + " (" + list + ") TO STDOUT (FORMAT binary)"
                    : "COPY (SELECT " + list + " FROM " + Sql.rel(table) + sampled(copy, catalog, table) + " LIMIT " + sample + ") TO STDOUT (FORMAT binary)";
            rows.put(table, stream(source, copy, out, "COPY " + Sql.rel(table) + " (" + list + ") FROM STDIN (FORMAT binary)"));
        }
        for (String bookkeeping : Catalog.BOOKKEEPING) {
            if (!CopySchema.bookkeepingColumns(source, bookkeeping).isEmpty()) {
                rows.put(bookkeeping, stream(source, copy, "COPY " + Sql.id(bookkeeping) + " TO STDOUT (FORMAT binary)",
                        "COPY " + Sql.id(bookkeeping) + " FROM STDIN (FORMAT binary)"));
            }
        }
        if (sample != null) {
            removeOrphans(copy, catalog);
            try (Statement s = copy.createStatement()) {
                for (String table : catalog.tables().keySet()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Sql.rel(table))) {
                        rs.next();
                        rows.put(table, rs.getLong(1));
                    }
                }
            }
        }
        return rows;
    }

    private static long stream(Connection source, Connection copy, String out, String in) throws SQLException {
        CopyOut reading = source.unwrap(PGConnection.class).getCopyAPI().copyOut(out);
        CopyIn writing = copy.unwrap(PGConnection.class).getCopyAPI().copyIn(in);
        try {
            byte[] chunk = new byte[CHUNK];
            int used = 0;
            for (byte[] data = reading.readFromCopy(); data != null; data = reading.readFromCopy()) {
                if (used + data.length > CHUNK) {
                    writing.writeToCopy(chunk, 0, used);
                    used = 0;
                }
                if (data.length > CHUNK) {
                    writing.writeToCopy(data, 0, data.length);
                } else {
                    System.arraycopy(data, 0, chunk, used, data.length);
                    used += data.length;
                }
            }
            if (used > 0) {
                writing.writeToCopy(chunk, 0, used);
            }
            return writing.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (writing.isActive()) {
                writing.cancelCopy();
            }
            if (reading.isActive()) {
                reading.cancelCopy();
            }
            throw e;
        }
    }

    /** The sequences where the source has them, so that new rows in the copy number on as they would. */
    static void sequences(Connection source, Connection copy) throws SQLException {
        List<String> set = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT format('%I.%I', schemaname, sequencename), last_value "
                + "FROM pg_sequences WHERE last_value IS NOT NULL AND schemaname NOT IN ('pg_catalog', 'information_schema', 'budgetron_backup')")) {
            while (rs.next()) {
                set.add("SELECT setval(" + Sql.literal(rs.getString(1)) + ", " + rs.getLong(2) + ")");
            }
        }
        try (Statement s = copy.createStatement()) {
            for (String sql : set) {
                s.execute(sql);
            }
        }
    }

    /** Tables ordered so that each comes after the tables its foreign keys point at (cycles broken where they close). */
    static List<String> parentsFirst(Catalog catalog) {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new java.util.HashSet<>();
        for (String t : catalog.tables().keySet()) {
            visit(t, catalog, order, visiting);
        }
        return order;
    }

    private static void visit(String t, Catalog catalog, List<String> order, Set<String> visiting) {
        if (order.contains(t) || !visiting.add(t)) {
            return;
        }
        for (Catalog.Constraint c : catalog.constraints().values()) {
            if (c.type() == 'f' && c.table().equals(t) && c.referencedTable() != null && catalog.tables().containsKey(c.referencedTable())) {
                visit(c.referencedTable(), catalog, order, visiting);
            }
        }
        order.add(t);
    }

    /** The WHERE of a sampled table: each foreign key NULL or pointing at a parent row the copy holds. */
    private static String sampled(Connection copy, Catalog catalog, String table) throws SQLException {
        List<String> conditions = new ArrayList<>();
        String selfOrder = "";
        for (Catalog.Constraint c : catalog.constraints().values()) {
            if (c.type() != 'f' || !c.table().equals(table) || c.referencedTable() == null) {
                continue;
            }
            List<String> refs = referencedColumns(c.definition());
            if (refs.size() != c.columns().size()) {
                continue;
            }
            if (c.referencedTable().equals(table)) {
                selfOrder = " ORDER BY " + Sql.id(c.columns().get(0)) + " IS NULL DESC"; // roots first: their children can follow
                continue;
            }
            List<String> keys = new ArrayList<>();
            try (Statement s = copy.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT " + joined(refs) + " FROM "
                    + Sql.rel(c.referencedTable()))) {
                while (rs.next()) {
                    keys.add(Sql.literal(rs.getString(1)));
                }
            }
            String nulls = String.join(" OR ", c.columns().stream().map(col -> Sql.id(col) + " IS NULL").toList());
            conditions.add("(" + nulls + (keys.isEmpty() ? "" : " OR " + joined(c.columns()) + " = ANY (ARRAY[" + String.join(", ", keys) + "]::text[])") + ")");
        }
        return (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + selfOrder;
    }

    /** The columns as one text value ("a", or a and b joined by a unit separator), the same on both sides. */
    private static String joined(List<String> columns) {
        return columns.size() == 1 ? Sql.id(columns.get(0)) + "::text"
                : "concat_ws(E'\\x1f', " + String.join(", ", columns.stream().map(c -> Sql.id(c) + "::text").toList()) + ")";
    }

    static List<String> referencedColumns(String definition) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("REFERENCES\\s+\\S+?\\(([^)]*)\\)").matcher(definition);
        return m.find() ? List.of(m.group(1).split(",")).stream().map(String::strip).map(n -> n.replace("\"", "")).toList() : List.of();
    }

    /** Deletes, until none is left, the sampled rows whose parent row was not sampled. */
    private static void removeOrphans(Connection copy, Catalog catalog) throws SQLException {
        for (int round = 0; round < 20; round++) {
            long deleted = 0;
            try (Statement s = copy.createStatement()) {
                for (Catalog.Constraint c : catalog.constraints().values()) {
                    List<String> refs = referencedColumns(c.definition());
                    if (c.type() != 'f' || refs.size() != c.columns().size() || !catalog.tables().containsKey(c.referencedTable())) {
                        continue;
                    }
                    StringBuilder match = new StringBuilder();
                    StringBuilder present = new StringBuilder();
                    for (int i = 0; i < refs.size(); i++) {
                        match.append(i > 0 ? " AND " : "").append("p.").append(Sql.id(refs.get(i))).append(" = c.").append(Sql.id(c.columns().get(i)));
                        present.append(i > 0 ? " AND " : "").append("c.").append(Sql.id(c.columns().get(i))).append(" IS NOT NULL");
                    }
                    deleted += s.executeUpdate("DELETE FROM " + Sql.rel(c.table()) + " c WHERE " + present + " AND NOT EXISTS (SELECT 1 FROM "
                            + Sql.rel(c.referencedTable()) + " p WHERE " + match + ")");
                }
            }
            if (deleted == 0) {
                return;
            }
        }
    }
}
