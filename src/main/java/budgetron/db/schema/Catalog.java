package budgetron.db.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of one PostgreSQL schema, read from the catalog with PostgreSQL's own formatting
 * functions (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef) under an empty search
 * path, as pg_dump reads them. Two databases built the same way therefore read the same, whatever
 * built them: comparing two catalogs has no false positives from spelling.
 * Read: enum types, tables, columns, constraints (primary key, unique, check, exclusion, foreign
 * key) and indexes. Budgetron's schema has no views, sequences, functions or triggers.
 */
public record Catalog(Map<String, List<String>> enums, Map<String, Table> tables,
                      Map<String, Constraint> constraints, Map<String, Index> indexes) {

    /** Tables that are bookkeeping, not schema: Liquibase's and Drizzle's. */
    public static final Set<String> BOOKKEEPING = Set.of("databasechangelog", "databasechangeloglock", "__drizzle_migrations");

    public record Table(String name, Map<String, Column> columns) {
    }

    public record Column(String name, String type, String defaultExpr, boolean notNull) {
        /** The column as it stands in CREATE TABLE or ADD COLUMN, names quoted. */
        public String sql() {
            return Sql.id(name) + " " + type + (defaultExpr == null ? "" : " DEFAULT " + defaultExpr) + (notNull ? " NOT NULL" : "");
        }
    }

    /** type: p primary key, u unique, f foreign key, c check, x exclusion. */
    public record Constraint(String table, String name, char type, String definition, List<String> columns, String referencedTable) {
    }

    public record Index(String table, String name, String definition) {
    }

    public static Catalog read(Connection c) throws SQLException {
        return read(c, "public");
    }

    public static Catalog read(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path = pg_catalog");
            return new Catalog(readEnums(c, schema), readTables(c, schema), readConstraints(c, schema), readIndexes(c, schema));
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static Map<String, List<String>> readEnums(Connection c, String schema) throws SQLException {
        Map<String, List<String>> enums = new LinkedHashMap<>();
        query(c, "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "JOIN pg_enum e ON e.enumtypid = t.oid WHERE n.nspname = ? ORDER BY t.typname, e.enumsortorder", schema,
                rs -> enums.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        return enums;
    }

    private static Map<String, Table> readTables(Connection c, String schema) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        query(c, "SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid), a.attnotnull "
                + "FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE n.nspname = ? AND cl.relkind IN ('r', 'p') ORDER BY cl.relname, a.attnum", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        tables.computeIfAbsent(rs.getString(1), k -> new Table(k, new LinkedHashMap<>())).columns()
                                .put(rs.getString(2), new Column(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                    }
                });
        return tables;
    }

    private static Map<String, Constraint> readConstraints(Connection c, String schema) throws SQLException {
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        query(c, "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), "
                + "ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(num, ord) "
                + "JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num ORDER BY k.ord), ref.relname "
                + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "LEFT JOIN pg_class ref ON ref.oid = co.confrelid "
                + "WHERE n.nspname = ? AND co.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY cl.relname, co.conname", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        constraints.put(rs.getString(2), new Constraint(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0),
                                rs.getString(4), List.of((String[]) rs.getArray(5).getArray()), rs.getString(6)));
                    }
                });
        return constraints;
    }

    private static Map<String, Index> readIndexes(Connection c, String schema) throws SQLException {
        Map<String, Index> indexes = new LinkedHashMap<>();
        // indexes that back a constraint belong to the constraint
        query(c, "SELECT t.relname, ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid) "
                + "ORDER BY ic.relname", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        indexes.put(rs.getString(2), new Index(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                });
        return indexes;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, String schema, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
