package budgetron.db.schema;

import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.annotations.PrimaryKeyName;
import org.hibernate.SessionFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
        return build(emptyDatabase, EntityClasses.given(classes));
    }

    public static Catalog build(DbUrl emptyDatabase, EntityClasses entities) throws SQLException {
        List<Class<?>> classes = entities.classes();
        try (Connection c = Connections.open(emptyDatabase)) {
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, List<String>> e : EntityAnnotations.enumTypes(classes).entrySet()) {
                    List<String> labels = e.getValue().stream().map(Sql::literal).toList();
                    s.execute("CREATE TYPE " + Sql.rel(e.getKey()) + " AS ENUM (" + String.join(", ", labels) + ")");
                }
            }
            try (SessionFactory ignored = Entities.open(emptyDatabase, "create-only", entities)) {
                // building the factory created the tables
            }
            dropHibernatesEnumTypes(c, EntityAnnotations.enumTypes(classes).keySet());
            roundTrip(c);
            EntityNames.restoreCase(c, EntityAnnotations.declaredNames(classes));
            EntityNames.conventionalNames(c);
            for (Class<?> type : classes) {
                PrimaryKeyName pk = type.getAnnotation(PrimaryKeyName.class);
                if (pk != null) {
                    EntityNames.renamePrimaryKey(c, EntityAnnotations.tableName(type), pk.value());
                }
            }
            return Catalog.readAll(c);
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
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT co.conrelid::regclass::text, co.conname, pg_get_constraintdef(co.oid) "
                    + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND co.contype = 'c'")) {
                while (rs.next()) {
                    statements.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + Sql.id(rs.getString(2))
                            + ", ADD CONSTRAINT " + Sql.id(rs.getString(2)) + " " + rs.getString(3));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT d.adrelid::regclass::text, a.attname, pg_get_expr(d.adbin, d.adrelid) "
                    + "FROM pg_attrdef d JOIN pg_class cl ON cl.oid = d.adrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND a.attgenerated = ''")) {
                while (rs.next()) {
                    statements.add("ALTER TABLE " + rs.getString(1) + " ALTER COLUMN " + Sql.id(rs.getString(2)) + " SET DEFAULT " + rs.getString(3));
                }
            }
            String before = SchemaDump.of(Catalog.readAll(c));
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            if (before.equals(SchemaDump.of(Catalog.readAll(c)))) {
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

}
