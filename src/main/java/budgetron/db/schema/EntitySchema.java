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
            Map<String, List<String>> checks = createTables(emptyDatabase, entities);
            dropHibernatesEnumTypes(c, EntityAnnotations.enumTypes(classes).keySet());
            roundTripDefaults(c);
            EntityNames.restoreCase(c, EntityAnnotations.declaredNames(classes));
            EntityNames.conventionalNames(c);
            for (Class<?> type : classes) {
                PrimaryKeyName pk = type.getAnnotation(PrimaryKeyName.class);
                if (pk != null) {
                    EntityNames.renamePrimaryKey(c, EntityAnnotations.tableName(type), pk.value());
                }
            }
            Catalog catalog = Catalog.readAll(c);
            return catalog.withWritten(writtenChecks(c, catalog, checks));
        }
    }

    /** Hibernate creates the tables; what it wrote for their CHECK conditions comes back from its script. */
    private static Map<String, List<String>> createTables(DbUrl emptyDatabase, EntityClasses entities) {
        try {
            java.nio.file.Path script = java.nio.file.Files.createTempFile("budgetron-entities-", ".sql");
            try {
                try (SessionFactory ignored = Entities.create(emptyDatabase, entities, script)) {
                    // building the factory created the tables
                }
                return HibernateDdl.checks(java.nio.file.Files.readString(script));
            } finally {
                java.nio.file.Files.deleteIfExists(script);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each CHECK constraint Hibernate created, with the condition as the entity wrote it: a changeset
     * that says `CHECK (status in ('OPEN','CLOSED'))` reads as the entity reads and builds what
     * Hibernate's own create builds, where PostgreSQL's printed form would build a different tree.
     * A condition is matched to its constraint by meaning: PostgreSQL prints the condition, added to
     * the same table, exactly as it prints the constraint that was made from it.
     */
    static Map<String, String> writtenChecks(Connection c, Catalog catalog, Map<String, List<String>> checks) throws SQLException {
        Map<String, String> written = new java.util.HashMap<>();
        for (Map.Entry<String, List<String>> table : checks.entrySet()) {
            List<Catalog.Constraint> onTable = catalog.constraints().values().stream()
                    .filter(k -> k.type() == 'c' && k.table().equals(table.getKey())).toList();
            for (String condition : table.getValue()) {
                String printed = printedCheck(c, table.getKey(), condition);
                onTable.stream().filter(k -> k.definition().equals(printed) && !written.containsKey(k.key())).findFirst()
                        .ifPresent(k -> written.put(k.key(), "CHECK (" + condition + ")"));
            }
        }
        return written;
    }

    /**
     * How PostgreSQL prints this condition as a CHECK of this table, as Catalog reads it (search_path
     * pg_catalog): added NOT VALID in a transaction that is rolled back.
     */
    static String printedCheck(Connection c, String table, String condition) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + Sql.rel(table) + " ADD CONSTRAINT budgetron_meaning_probe CHECK (" + condition + ") NOT VALID");
            s.execute("SET LOCAL search_path = pg_catalog");
            try (ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'budgetron_meaning_probe' "
                    + "AND conrelid = " + Sql.literal(Sql.qualified(table)) + "::regclass")) {
                rs.next();
                return rs.getString(1).replaceFirst(" NOT VALID$", "");
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * PostgreSQL stores a default as a parse tree and prints it back in its own spelling, which
     * re-parsed can print differently again; changesets write defaults as printed, so the entities'
     * defaults are put through that round trip here until they print the same, and the next diff is
     * empty. (CHECK constraints need none: changesets write them in the entities' own words.)
     */
    static void roundTripDefaults(Connection c) throws SQLException {
        for (int pass = 0; pass < 3; pass++) {
            List<String> statements = new ArrayList<>();
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
