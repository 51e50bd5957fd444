package budgetron.db.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The schema of one PostgreSQL schema as text in the layout of `pg_dump --schema-only --no-owner`:
 * enum types, tables with their columns, primary key and unique constraints, indexes, foreign keys.
 * Read from the catalog, so it works whatever the server's major version (the machine's pg_dump
 * refuses a newer server), and two databases compare by comparing two strings.
 * Budgetron's schema has no other kinds of object; views, sequences, functions and triggers are not read.
 */
public final class SchemaDump {
    /** Tables that are bookkeeping, not schema: Liquibase's and Drizzle's. */
    public static final Set<String> BOOKKEEPING = Set.of("databasechangelog", "databasechangeloglock", "__drizzle_migrations");

    private SchemaDump() {
    }

    public static String of(Connection c) throws SQLException {
        return of(c, "public");
    }

    public static String of(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // as pg_dump does: with an empty search path every type and default is schema-qualified
            s.execute("SET LOCAL search_path = pg_catalog");
            StringBuilder out = new StringBuilder();
            enums(c, schema, out);
            tables(c, schema, out);
            constraints(c, schema, "'p','u','x'", out);
            indexes(c, schema, out);
            constraints(c, schema, "'f'", out);
            return out.toString();
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static void enums(Connection c, String schema, StringBuilder out) throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname), "
                + "array_agg(quote_literal(e.enumlabel) ORDER BY e.enumsortorder) "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
                + "WHERE n.nspname = ? GROUP BY n.nspname, t.typname ORDER BY t.typname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] labels = (String[]) rs.getArray(2).getArray();
                    out.append("\nCREATE TYPE ").append(rs.getString(1)).append(" AS ENUM (\n    ")
                            .append(String.join(",\n    ", labels)).append("\n);\n");
                }
            }
        }
    }

    private static void tables(Connection c, String schema, StringBuilder out) throws SQLException {
        String sql = "SELECT cl.oid, quote_ident(n.nspname) || '.' || quote_ident(cl.relname), cl.relname "
                + "FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE n.nspname = ? AND cl.relkind IN ('r','p') ORDER BY cl.relname";
        String cols = "SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) "
                + "|| coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') "
                + "|| CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END "
                + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        String checks = "SELECT 'CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) "
                + "FROM pg_constraint WHERE conrelid = ? AND contype = 'c' ORDER BY conname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (BOOKKEEPING.contains(rs.getString(3))) {
                        continue;
                    }
                    List<String> lines = new ArrayList<>();
                    lines.addAll(strings(c, cols, rs.getLong(1)));
                    lines.addAll(strings(c, checks, rs.getLong(1)));
                    out.append("\nCREATE TABLE ").append(rs.getString(2)).append(" (\n    ")
                            .append(String.join(",\n    ", lines)).append("\n);\n");
                }
            }
        }
    }

    private static void constraints(Connection c, String schema, String types, StringBuilder out) throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(cl.relname), quote_ident(co.conname), "
                + "pg_get_constraintdef(co.oid), cl.relname "
                + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE n.nspname = ? AND co.contype IN (" + types + ") ORDER BY cl.relname, co.conname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (BOOKKEEPING.contains(rs.getString(4))) {
                        continue;
                    }
                    out.append("\nALTER TABLE ONLY ").append(rs.getString(1)).append("\n    ADD CONSTRAINT ")
                            .append(rs.getString(2)).append(' ').append(rs.getString(3)).append(";\n");
                }
            }
        }
    }

    private static void indexes(Connection c, String schema, StringBuilder out) throws SQLException {
        // indexes that back a constraint are printed with the constraint
        String sql = "SELECT pg_get_indexdef(i.indexrelid), t.relname FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid) "
                + "ORDER BY ic.relname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!BOOKKEEPING.contains(rs.getString(2))) {
                        out.append('\n').append(rs.getString(1)).append(";\n");
                    }
                }
            }
        }
    }

    private static List<String> strings(Connection c, String sql, long oid) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    /**
     * A pg_dump text reduced to what this class prints: comments, SET lines, \restrict lines and
     * OWNER lines dropped, blank runs folded.
     */
    public static String normalizePgDump(String dump) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : dump.split("\n", -1)) {
            if (line.startsWith("--") || line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config")
                    || line.startsWith("\\restrict") || line.startsWith("\\unrestrict") || line.contains(" OWNER TO ")) {
                continue;
            }
            if (line.isBlank()) {
                blank = true;
                continue;
            }
            if (blank || out.length() == 0) {
                out.append('\n');
            }
            blank = false;
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
