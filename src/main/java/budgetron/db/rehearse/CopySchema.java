package budgetron.db.rehearse;

import budgetron.db.generate.Change;
import budgetron.db.generate.SchemaDiff;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's schema rebuilt in the copy, the way pg_dump orders it but from the catalog budgetron-db
 * already reads (no pg_dump binary, whose version must match the server's): extensions, schemas,
 * enum types and sequences first, then each table with its columns only, so that the rows go in
 * without index maintenance; after the rows, constraints, indexes, foreign keys and comments.
 * Liquibase's history tables are copied as they are. What the catalog does not model (views,
 * functions, triggers, policies) is named, not copied.
 */
final class CopySchema {
    private CopySchema() {
    }

    /** Before the rows: returns what could not be made (an extension the copy's server lacks). */
    static List<String> before(Connection source, Connection copy, Catalog catalog) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Statement s = copy.createStatement()) {
            for (String extension : extensions(source)) {
                try {
                    s.execute("CREATE EXTENSION IF NOT EXISTS " + Sql.id(extension));
                } catch (SQLException e) {
                    missing.add("extension " + extension + " (" + budgetron.db.config.Errors.firstLine(e.getMessage()) + ")");
                }
            }
            for (Change c : SchemaDiff.between(Catalog.empty(), catalog, SchemaDiff.Renames.none(), true)) {
                if (c.title().startsWith("create schema ") || c.title().startsWith("create enum ") || c.title().startsWith("create sequence ")) {
                    for (String sql : c.sql()) {
                        s.execute(sql);
                    }
                }
            }
            for (Catalog.Table t : catalog.tables().values()) {
                List<String> columns = t.columns().values().stream().map(Catalog.Column::sql).toList();
                s.execute("CREATE TABLE " + Sql.rel(t.name()) + " (" + String.join(", ", columns) + ")");
            }
            for (String bookkeeping : Catalog.BOOKKEEPING) {
                List<String> columns = bookkeepingColumns(source, bookkeeping);
                if (!columns.isEmpty()) {
                    s.execute("CREATE TABLE " + Sql.id(bookkeeping) + " (" + String.join(", ", columns) + ")");
                }
            }
        }
        return missing;
    }

    /** After the rows: constraints (primary keys first), indexes, foreign keys, comments. */
    static void after(Connection copy, Catalog catalog) throws SQLException {
        try (Statement s = copy.createStatement()) {
            List<Catalog.Constraint> constraints = new ArrayList<>(catalog.constraints().values());
            constraints.sort((a, b) -> Integer.compare(order(a.type()), order(b.type())));
            for (Catalog.Constraint c : constraints) {
                if (c.type() != 'f') {
                    s.execute("ALTER TABLE " + Sql.rel(c.table()) + " ADD CONSTRAINT " + Sql.id(c.name()) + " " + c.definition());
                }
            }
            for (Catalog.Index i : catalog.indexes().values()) {
                s.execute(i.definition());
            }
            for (Catalog.Constraint c : constraints) {
                if (c.type() == 'f') {
                    s.execute("ALTER TABLE " + Sql.rel(c.table()) + " ADD CONSTRAINT " + Sql.id(c.name()) + " " + c.definition());
                }
            }
            for (var comment : catalog.comments().entrySet()) {
                String key = comment.getKey();
                int colon = key.indexOf(':');
                String target = colon < 0 ? "TABLE " + Sql.rel(key) : "COLUMN " + Sql.rel(key.substring(0, colon)) + "." + Sql.id(key.substring(colon + 1));
                s.execute("COMMENT ON " + target + " IS " + Sql.literal(comment.getValue()));
            }
        }
    }

    private static int order(char type) {
        return type == 'p' ? 0 : type == 'u' ? 1 : 2;
    }

    private static List<String> extensions(Connection source) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY oid")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A history table's columns as the source has them (its Liquibase or Drizzle version's), for CREATE TABLE. */
    static List<String> bookkeepingColumns(Connection source, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_attribute a WHERE a.attrelid = to_regclass(" + Sql.literal("public." + table) + ") AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum")) {
            while (rs.next()) {
                out.add(Sql.id(rs.getString(1)) + " " + rs.getString(2));
            }
        }
        return out;
    }
}
