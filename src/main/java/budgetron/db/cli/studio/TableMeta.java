package budgetron.db.cli.studio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the studio knows of the tables of the public schema, read from the catalog on each request
 * (a few milliseconds): the only source of table and column names that ever reach SQL.
 */
public record TableMeta(String name, Map<String, Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
                        List<ForeignKey> referencedBy, long estimate) {

    /**
     * type: as format_type prints it, used in casts; kind: PostgreSQL's type category letter (N number,
     * B boolean, D date/time, E enum, A array, U user/uuid, S string…) that picks the input of the grid.
     */
    public record Column(String name, String type, char kind, boolean notNull, String defaultExpr, List<String> enumLabels,
                         String referencesTable, String referencesColumn) {
    }

    public record ForeignKey(String name, String table, List<String> columns, String refTable, List<String> refColumns, String onDelete) {
    }

    public Column column(String column) {
        Column c = columns.get(column);
        if (c == null) {
            throw new StudioException(400, "Table " + name + " has no column '" + column + "'.");
        }
        return c;
    }

    private static final java.util.regex.Pattern ANY_OF = java.util.regex.Pattern.compile("= ANY \\(");
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("'((?:[^']|'')*)'");

    /** The values of CHECK (col = ANY (ARRAY['A', 'B'])) — how PostgreSQL prints col IN ('A', 'B') — in order; empty for any other CHECK. */
    static List<String> checkedValues(String definition) {
        if (!ANY_OF.matcher(definition).find() || definition.contains(" AND ") || definition.contains(" OR ")) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        java.util.regex.Matcher m = LITERAL.matcher(definition);
        while (m.find()) {
            values.add(m.group(1).replace("''", "'"));
        }
        return values;
    }

    public static Map<String, TableMeta> read(Connection c) throws SQLException {
        Map<String, Map<String, Column>> columns = new LinkedHashMap<>();
        Map<String, Long> estimates = new LinkedHashMap<>();
        query(c, "SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory, a.attnotnull, "
                + "pg_get_expr(d.adbin, d.adrelid), "
                + "CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END, "
                + "cl.reltuples::bigint "
                + "FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE n.nspname = 'public' AND cl.relkind IN ('r', 'p') ORDER BY cl.relname, a.attnum", rs -> {
                    List<String> labels = rs.getArray(7) == null ? List.of() : List.of((String[]) rs.getArray(7).getArray());
                    columns.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            new Column(rs.getString(2), rs.getString(3), rs.getString(4).charAt(0), rs.getBoolean(5), rs.getString(6), labels, null, null));
                    estimates.put(rs.getString(1), rs.getLong(8));
                });
        // a column limited to a list of values by a CHECK (what @Enumerated(STRING) makes): those values, as an enum's labels
        query(c, "SELECT cl.relname, a.attname, pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1] "
                + "WHERE n.nspname = 'public' AND co.contype = 'c' AND array_length(co.conkey, 1) = 1", rs -> {
                    Map<String, Column> table = columns.get(rs.getString(1));
                    Column col = table == null ? null : table.get(rs.getString(2));
                    List<String> values = checkedValues(rs.getString(3));
                    if (col != null && col.enumLabels().isEmpty() && !values.isEmpty()) {
                        table.put(col.name(), new Column(col.name(), col.type(), col.kind(), col.notNull(), col.defaultExpr(), values, null, null));
                    }
                });
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        List<ForeignKey> fks = new ArrayList<>();
        query(c, "SELECT co.contype, co.conname, cl.relname, "
                + "ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a "
                + "ON a.attrelid = co.conrelid AND a.attnum = k.num ORDER BY k.ord), ref.relname, "
                + "ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a "
                + "ON a.attrelid = co.confrelid AND a.attnum = k.num ORDER BY k.ord), co.confdeltype "
                + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "LEFT JOIN pg_class ref ON ref.oid = co.confrelid "
                + "WHERE n.nspname = 'public' AND co.contype IN ('p', 'f') ORDER BY cl.relname, co.conname", rs -> {
                    List<String> cols = List.of((String[]) rs.getArray(4).getArray());
                    if (rs.getString(1).equals("p")) {
                        primaryKeys.put(rs.getString(3), cols);
                    } else {
                        fks.add(new ForeignKey(rs.getString(2), rs.getString(3), cols, rs.getString(5),
                                List.of((String[]) rs.getArray(6).getArray()), onDelete(rs.getString(7))));
                    }
                });
        Map<String, TableMeta> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Column>> e : columns.entrySet()) {
            String table = e.getKey();
            Map<String, Column> cols = e.getValue();
            List<ForeignKey> out = fks.stream().filter(f -> f.table().equals(table)).toList();
            for (ForeignKey f : out) {
                if (f.columns().size() == 1) {
                    Column col = cols.get(f.columns().get(0));
                    cols.put(col.name(), new Column(col.name(), col.type(), col.kind(), col.notNull(), col.defaultExpr(), col.enumLabels(),
                            f.refTable(), f.refColumns().get(0)));
                }
            }
            tables.put(table, new TableMeta(table, cols, primaryKeys.getOrDefault(table, List.of()), out,
                    fks.stream().filter(f -> f.refTable().equals(table)).toList(), estimates.getOrDefault(table, -1L)));
        }
        return tables;
    }

    private static String onDelete(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    static void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }
}
