package budgetron.db.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The names of what Hibernate built, made Budgetron's: declared camelCase kept, hashed names given the convention, primary keys renamed. */
final class EntityNames {
    private EntityNames() {
    }

    static void renamePrimaryKey(Connection c, String table, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = ?::regclass")) {
            ps.setString(1, Sql.rel(table));
            try (ResultSet rs = ps.executeQuery(); Statement s = c.createStatement()) {
                if (rs.next() && !rs.getString(1).equals(name)) {
                    s.execute("ALTER TABLE " + Sql.rel(table) + " RENAME CONSTRAINT " + Sql.id(rs.getString(1)) + " TO " + Sql.id(name));
                }
            }
        }
    }

    /**
     * Hibernate folds unquoted constraint and index names to lower case; Drizzle's names are
     * camelCase (bank_accounts_name_type_userId_unique), so the declared spelling is put back.
     */
    static void restoreCase(Connection c, List<String> declared) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : declared) {
                String folded = name.toLowerCase(java.util.Locale.ROOT);
                if (folded.equals(name)) {
                    continue;
                }
                // regclass as text: the table as SQL names it, quoted and schema-qualified where needed
                try (ResultSet rs = s.executeQuery("SELECT co.conrelid::regclass::text, co.contype FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid "
                        + "WHERE co.conname = " + Sql.literal(folded))) {
                    if (rs.next()) {
                        String table = rs.getString(1);
                        rs.close();
                        s.execute("ALTER TABLE " + table + " RENAME CONSTRAINT " + Sql.id(folded) + " TO " + Sql.id(name));
                        continue;
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT oid::regclass::text FROM pg_class WHERE relkind = 'i' AND relname = " + Sql.literal(folded))) {
                    if (rs.next()) {
                        String index = rs.getString(1);
                        rs.close();
                        s.execute("ALTER INDEX " + index + " RENAME TO " + Sql.id(name));
                    }
                }
            }
        }
    }

    /**
     * Constraints and indexes an entity left unnamed get Hibernate's hashed names (FK8x…, UK3f…,
     * IDXq…); they are renamed to one convention, all from column names, so that a generated
     * changeset reads like the rest and no name needs quotes: TABLE_COL_REFTABLE_REFCOL_fk,
     * TABLE_COL_ONE_COL_TWO_unique, TABLE_COL_ONE_COL_TWO_index. (Drizzle named unique constraints
     * after the TypeScript properties, bank_accounts_name_type_userId_unique: Budgetron's entities
     * declare those names, so they stay as they are.)
     */
    static void conventionalNames(Connection c) throws SQLException {
        List<String[]> renames = new ArrayList<>();
        String constraints = "SELECT cl.relname, co.conname, co.contype, ref.relname, "
                + "ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.o), "
                + "ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.o), "
                + "co.conrelid::regclass::text "
                + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid LEFT JOIN pg_class ref ON ref.oid = co.confrelid "
                + "WHERE co.contype IN ('f', 'u')";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(constraints)) {
            while (rs.next()) {
                String table = rs.getString(1);
                List<String> cols = List.of((String[]) rs.getArray(5).getArray());
                String current = rs.getString(2);
                // Hibernate's hashed names, or PostgreSQL's TABLE_COLS_key for a unique constraint Hibernate left unnamed
                if (!current.matches("(fk|uk)[a-z0-9]{20,}") && !current.equals(table + "_" + String.join("_", cols) + "_key")) {
                    continue;
                }
                String name = rs.getString(3).equals("f")
                        ? table + "_" + String.join("_", cols) + "_" + rs.getString(4) + "_" + String.join("_", (String[]) rs.getArray(6).getArray()) + "_fk"
                        : table + "_" + String.join("_", cols) + "_unique";
                renames.add(new String[] {"ALTER TABLE " + rs.getString(7) + " RENAME CONSTRAINT " + Sql.id(current) + " TO " + Sql.id(name)});
            }
        }
        String indexes = "SELECT t.relname, ic.relname, ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o), i.indexrelid::regclass::text FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid WHERE ic.relname ~ '^idx[a-z0-9]{20,}$'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(indexes)) {
            while (rs.next()) {
                String name = rs.getString(1) + "_" + String.join("_", (String[]) rs.getArray(3).getArray()) + "_index";
                renames.add(new String[] {"ALTER INDEX " + rs.getString(4) + " RENAME TO " + Sql.id(name)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] r : renames) {
                s.execute(r[0]);
            }
        }
    }
}
