package budgetron.db.schema;

import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema the entities describe, built for real in an empty (scratch) database: Hibernate
 * creates the tables, and this class adds what Hibernate does not do for PostgreSQL, named enum
 * types (from the Java enums, constants in label order) and primary key names (@PrimaryKeyName).
 * Reading it back as a Catalog lets two real PostgreSQL schemas be compared.
 */
public final class EntitySchema {
    private EntitySchema() {
    }

    public static Catalog build(DbUrl emptyDatabase, List<Class<?>> classes) throws SQLException {
        try (Connection c = Connections.open(emptyDatabase)) {
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, List<String>> e : enumTypes(classes).entrySet()) {
                    List<String> labels = e.getValue().stream().map(Sql::literal).toList();
                    s.execute("CREATE TYPE " + Sql.id(e.getKey()) + " AS ENUM (" + String.join(", ", labels) + ")");
                }
            }
            try (SessionFactory ignored = Entities.open(emptyDatabase, "create", classes)) {
                // building the factory created the tables
            }
            refuseOtherSchemas(c);
            dropHibernatesEnumTypes(c, enumTypes(classes).keySet());
            roundTrip(c);
            restoreCase(c, declaredNames(classes));
            conventionalNames(c);
            for (Class<?> type : classes) {
                PrimaryKeyName pk = type.getAnnotation(PrimaryKeyName.class);
                if (pk != null) {
                    renamePrimaryKey(c, tableName(type), pk.value());
                }
            }
            return Catalog.read(c);
        }
    }

    /** Tables of @Table(schema = ...) would be left out of the comparison: refused, not ignored. */
    private static void refuseOtherSchemas(Connection c) throws SQLException {
        List<String> elsewhere = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || cl.relname FROM pg_class cl "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.relkind IN ('r', 'p', 'S') AND n.nspname NOT IN ('public', "
                + "'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
            while (rs.next()) {
                elsewhere.add(rs.getString(1));
            }
        }
        if (!elsewhere.isEmpty()) {
            throw new budgetron.db.config.ConfigException("The entities map objects outside the public schema (" + String.join(", ", elsewhere)
                    + "): the diff compares the public schema only, so it would leave them out. Map them in public, "
                    + "or manage that schema with a hand-written changeset.");
        }
    }

    /**
     * PostgreSQL stores a CHECK constraint or a default as a parse tree and prints it back in its own
     * spelling, which re-parsed can print differently again. The entities' constraints and defaults
     * are put through that round trip here until they print the same, so that what a generated
     * changeset writes reads back identical, and the next diff is empty.
     */
    public static void roundTrip(Connection c) throws SQLException {
        for (int pass = 0; pass < 3; pass++) {
            List<String> statements = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT cl.relname, co.conname, pg_get_constraintdef(co.oid) "
                    + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "WHERE n.nspname = 'public' AND co.contype = 'c'")) {
                while (rs.next()) {
                    statements.add("ALTER TABLE " + Sql.id(rs.getString(1)) + " DROP CONSTRAINT " + Sql.id(rs.getString(2))
                            + ", ADD CONSTRAINT " + Sql.id(rs.getString(2)) + " " + rs.getString(3));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT cl.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) "
                    + "FROM pg_attrdef d JOIN pg_class cl ON cl.oid = d.adrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE n.nspname = 'public' AND a.attgenerated = ''")) {
                while (rs.next()) {
                    statements.add("ALTER TABLE " + Sql.id(rs.getString(1)) + " ALTER COLUMN " + Sql.id(rs.getString(2)) + " SET DEFAULT " + rs.getString(3));
                }
            }
            String before = SchemaDump.of(Catalog.read(c));
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            if (before.equals(SchemaDump.of(Catalog.read(c)))) {
                return;
            }
        }
    }

    /**
     * Hibernate 6.6 also creates a type of its own per Java enum (bankaccounttype, labels sorted);
     * the columns use the named types above, so those are dropped when nothing uses them.
     */
    private static void dropHibernatesEnumTypes(Connection c, java.util.Set<String> declared) throws SQLException {
        List<String> extra = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t.typname FROM pg_type t "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.atttypid = t.oid AND a.attnum > 0)")) {
            while (rs.next()) {
                if (!declared.contains(rs.getString(1))) {
                    extra.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String type : extra) {
                s.execute("DROP TYPE " + Sql.id(type) + " CASCADE"); // with the casts Hibernate made for it
            }
        }
    }

    private static void renamePrimaryKey(Connection c, String table, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = ?::regclass")) {
            ps.setString(1, Sql.id(table));
            try (ResultSet rs = ps.executeQuery(); Statement s = c.createStatement()) {
                if (rs.next() && !rs.getString(1).equals(name)) {
                    s.execute("ALTER TABLE " + Sql.id(table) + " RENAME CONSTRAINT " + Sql.id(rs.getString(1)) + " TO " + Sql.id(name));
                }
            }
        }
    }

    /**
     * Hibernate folds unquoted constraint and index names to lower case; Drizzle's names are
     * camelCase (bank_accounts_name_type_userId_unique), so the declared spelling is put back.
     */
    private static void restoreCase(Connection c, List<String> declared) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : declared) {
                String folded = name.toLowerCase(java.util.Locale.ROOT);
                if (folded.equals(name)) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT cl.relname, co.contype FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid "
                        + "WHERE co.conname = " + Sql.literal(folded))) {
                    if (rs.next()) {
                        String table = rs.getString(1);
                        rs.close();
                        s.execute("ALTER TABLE " + Sql.id(table) + " RENAME CONSTRAINT " + Sql.id(folded) + " TO " + Sql.id(name));
                        continue;
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_class WHERE relkind = 'i' AND relname = " + Sql.literal(folded))) {
                    if (rs.next()) {
                        rs.close();
                        s.execute("ALTER INDEX " + Sql.id(folded) + " RENAME TO " + Sql.id(name));
                    }
                }
            }
        }
    }

    /**
     * Constraints and indexes an entity left unnamed get Hibernate's hashed names (FK8x…, UK3f…,
     * IDXq…); they are renamed to Budgetron's (Drizzle's) convention, so that a generated changeset
     * reads like the rest: TABLE_COL_REFTABLE_REFCOL_fk, TABLE_colOne_colTwo_unique, TABLE_col_one_col_two_index.
     */
    private static void conventionalNames(Connection c) throws SQLException {
        List<String[]> renames = new ArrayList<>();
        String constraints = "SELECT cl.relname, co.conname, co.contype, ref.relname, "
                + "ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.o), "
                + "ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.o) "
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
                        : table + "_" + String.join("_", cols.stream().map(EntitySchema::camel).toList()) + "_unique";
                renames.add(new String[] {"ALTER TABLE " + Sql.id(table) + " RENAME CONSTRAINT " + Sql.id(current) + " TO " + Sql.id(name)});
            }
        }
        String indexes = "SELECT t.relname, ic.relname, ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid WHERE ic.relname ~ '^idx[a-z0-9]{20,}$'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(indexes)) {
            while (rs.next()) {
                String name = rs.getString(1) + "_" + String.join("_", (String[]) rs.getArray(3).getArray()) + "_index";
                renames.add(new String[] {"ALTER INDEX " + Sql.id(rs.getString(2)) + " RENAME TO " + Sql.id(name)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] r : renames) {
                s.execute(r[0]);
            }
        }
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }

    /** Every constraint and index name the entities spell out. */
    private static List<String> declaredNames(List<Class<?>> classes) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : classes) {
            Table table = type.getAnnotation(Table.class);
            if (table != null) {
                for (jakarta.persistence.UniqueConstraint u : table.uniqueConstraints()) {
                    names.add(u.name());
                }
                for (jakarta.persistence.Index i : table.indexes()) {
                    names.add(i.name());
                }
            }
            for (Field f : fields(type)) {
                JoinColumn join = f.getAnnotation(JoinColumn.class);
                if (join != null) {
                    names.add(join.foreignKey().name());
                }
            }
        }
        names.removeIf(String::isEmpty);
        return names;
    }

    /** Named PostgreSQL enum types used by the entities: type name to labels, in the Java enum's order. */
    public static Map<String, List<String>> enumTypes(List<Class<?>> classes) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            for (Field f : fields(type)) {
                JdbcTypeCode code = f.getAnnotation(JdbcTypeCode.class);
                Column column = f.getAnnotation(Column.class);
                if (f.isAnnotationPresent(Enumerated.class) && code != null && code.value() == SqlTypes.NAMED_ENUM
                        && column != null && !column.columnDefinition().isEmpty() && f.getType().isEnum()) {
                    List<String> labels = new ArrayList<>();
                    for (Object constant : f.getType().getEnumConstants()) {
                        labels.add(((Enum<?>) constant).name());
                    }
                    types.put(column.columnDefinition(), labels);
                }
            }
        }
        return types;
    }

    /** Declared table renames: new name to old name. */
    public static Map<String, String> tableRenames(List<Class<?>> classes) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            RenamedFrom from = type.getAnnotation(RenamedFrom.class);
            if (from != null) {
                renames.put(tableName(type), from.value());
            }
        }
        return renames;
    }

    /** Declared column renames: table to (new column name to old). */
    public static Map<String, Map<String, String>> columnRenames(List<Class<?>> classes) {
        Map<String, Map<String, String>> renames = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            for (Field f : fields(type)) {
                RenamedFrom from = f.getAnnotation(RenamedFrom.class);
                if (from != null) {
                    renames.computeIfAbsent(tableName(type), k -> new LinkedHashMap<>()).put(columnName(f), from.value());
                }
            }
        }
        return renames;
    }

    static String tableName(Class<?> type) {
        Table table = type.getAnnotation(Table.class);
        if (table != null && !table.name().isEmpty()) {
            return table.name();
        }
        Entity entity = type.getAnnotation(Entity.class);
        return snake(entity != null && !entity.name().isEmpty() ? entity.name() : type.getSimpleName());
    }

    static String columnName(Field f) {
        Column column = f.getAnnotation(Column.class);
        if (column != null && !column.name().isEmpty()) {
            return column.name();
        }
        JoinColumn join = f.getAnnotation(JoinColumn.class);
        if (join != null && !join.name().isEmpty()) {
            return join.name();
        }
        return snake(f.getName());
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            fields.addAll(List.of(t.getDeclaredFields()));
        }
        return fields;
    }
}
