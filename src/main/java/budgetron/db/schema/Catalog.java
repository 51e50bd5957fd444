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
 * Read and compared: enum types, tables, columns (identity and generated ones too), constraints
 * (primary key, unique, check, exclusion, foreign key), indexes, sequences, table and column
 * comments. Read only to be named as "not compared": views, functions, triggers, policies, and
 * the objects of other schemas.
 */
public record Catalog(Map<String, List<String>> enums, Map<String, Table> tables,
                      Map<String, Constraint> constraints, Map<String, Index> indexes,
                      Map<String, Sequence> sequences, Map<String, String> comments, List<String> notCompared,
                      Set<String> schemas, Map<String, String> written) implements java.io.Serializable {

    /**
     * @param written the SQL a changeset writes for a constraint, by its key, where the entities said it in words of
     *                their own (Hibernate's CHECK (status in ('OPEN','CLOSED'))) rather than as PostgreSQL prints it back;
     *                empty for a catalog read from a database
     */
    public Catalog(Map<String, List<String>> enums, Map<String, Table> tables, Map<String, Constraint> constraints, Map<String, Index> indexes,
                   Map<String, Sequence> sequences, Map<String, String> comments, List<String> notCompared, Set<String> schemas) {
        this(enums, tables, constraints, indexes, sequences, comments, notCompared, schemas, Map.of());
    }

    /** Tables that are bookkeeping, not schema: Liquibase's and Drizzle's. */
    public static final Set<String> BOOKKEEPING = Set.of("databasechangelog", "databasechangeloglock", "__drizzle_migrations");

    public Catalog(Map<String, List<String>> enums, Map<String, Table> tables, Map<String, Constraint> constraints, Map<String, Index> indexes) {
        this(enums, tables, constraints, indexes, Map.of(), Map.of(), List.of(), Set.of("public"));
    }

    public static Catalog empty() {
        return new Catalog(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** A copy with other tables, constraints and indexes (a rename applied), the rest kept. */
    public Catalog with(Map<String, Table> newTables, Map<String, Constraint> newConstraints, Map<String, Index> newIndexes) {
        return new Catalog(enums, newTables, newConstraints, newIndexes, sequences, comments, notCompared, schemas, written);
    }

    public Catalog withWritten(Map<String, String> texts) {
        return new Catalog(enums, tables, constraints, indexes, sequences, comments, notCompared, schemas, Map.copyOf(texts));
    }

    /** What ADD CONSTRAINT says for c: the entities' own words where they gave them, else the definition as PostgreSQL prints it. */
    public String sql(Constraint c) {
        return written.getOrDefault(c.key(), c.definition());
    }

    public record Table(String name, Map<String, Column> columns) implements java.io.Serializable {
    }

    /**
     * identity: 'a' GENERATED ALWAYS, 'd' BY DEFAULT, ' ' none; generated: a stored generated column,
     * whose expression is then {@code defaultExpr}.
     */
    public record Column(String name, String type, String defaultExpr, boolean notNull, char identity, boolean generated, boolean virtual)
            implements java.io.Serializable {
        /** A column that is not a virtual generated one (PostgreSQL 18 computes those when read; all others are stored). */
        public Column(String name, String type, String defaultExpr, boolean notNull, char identity, boolean generated) {
            this(name, type, defaultExpr, notNull, identity, generated, false);
        }

        public Column(String name, String type, String defaultExpr, boolean notNull) {
            this(name, type, defaultExpr, notNull, ' ', false);
        }

        public Column withType(String newType) {
            return new Column(name, newType, defaultExpr, notNull, identity, generated, virtual);
        }

        public Column withNotNull(boolean value) {
            return new Column(name, type, defaultExpr, value, identity, generated, virtual);
        }

        public Column renamed(String newName) {
            return new Column(newName, type, defaultExpr, notNull, identity, generated, virtual);
        }

        /** The column as it stands in CREATE TABLE or ADD COLUMN, names quoted. */
        public String sql() {
            String head = Sql.id(name) + " " + type;
            if (generated) {
                return head + " GENERATED ALWAYS AS (" + defaultExpr + ")" + (virtual ? " VIRTUAL" : " STORED") + (notNull ? " NOT NULL" : "");
            }
            return head + (defaultExpr == null ? "" : " DEFAULT " + defaultExpr) + (notNull ? " NOT NULL" : "") + identitySql();
        }

        public String identitySql() {
            return identity == 'a' ? " GENERATED ALWAYS AS IDENTITY" : identity == 'd' ? " GENERATED BY DEFAULT AS IDENTITY" : "";
        }
    }

    /**
     * type: p primary key, u unique, f foreign key, c check, x exclusion. table and referencedTable are
     * keys ("schema.table" outside public); name is the constraint's own name.
     */
    public record Constraint(String table, String name, char type, String definition, List<String> columns, String referencedTable) implements java.io.Serializable {
        /** How the catalog keys it: the name, with the table's schema outside public. */
        public String key() {
            return Catalog.key(Sql.schemaOf(table), name);
        }
    }

    public record Index(String table, String name, String definition) implements java.io.Serializable {
        public String key() {
            return Catalog.key(Sql.schemaOf(table), name);
        }

        /** The index as DROP INDEX names it. */
        public String sql() {
            return Sql.rel(key());
        }

        private static final String COLUMN = "(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)(?: ASC| DESC)?";
        private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile(
                "CREATE (?:UNIQUE )?INDEX \\S+ ON (?:ONLY )?\\S+ USING btree \\(" + COLUMN + "(?:, " + COLUMN + ")*\\)");

        /**
         * Whether an entity could declare this index (@Index: a B-tree over plain columns, each
         * ascending or descending). Expressions, WHERE, INCLUDE, operator classes and other methods
         * (GIN, BRIN, …) are a DBA's, written in a changeset: the entity diff leaves them alone.
         */
        public boolean declarableByEntities() {
            return PLAIN.matcher(definition).matches();
        }
    }

    /** "name" in public (or no schema given), "schema.name" elsewhere. */
    public static String key(String schema, String name) {
        return schema == null || schema.isEmpty() || schema.equals("public") ? name : schema + "." + name;
    }

    /** A sequence that is not an identity column's own (those belong to their column). */
    public record Sequence(String name, String type, long start, long increment, long min, long max, long cache, boolean cycle) implements java.io.Serializable {
        /** The options as CREATE and ALTER SEQUENCE take them. */
        public String options() {
            return "AS " + type + " INCREMENT BY " + increment + " MINVALUE " + min + " MAXVALUE " + max + " START WITH " + start
                    + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
        }
    }

    /** The public schema. */
    public static Catalog read(Connection c) throws SQLException {
        return read(c, Set.of("public"));
    }

    /** Every schema that is not PostgreSQL's own, nor budgetron-db's copies of destroyed data (budgetron_backup). */
    public static Catalog readAll(Connection c) throws SQLException {
        Set<String> schemas = new java.util.TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace "
                + "WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'budgetron_backup')")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        schemas.add("public");
        return read(c, schemas);
    }

    /** These schemas (public's objects keyed by name, the others' by "schema.name"); those that exist are in schemas(). */
    public static Catalog read(Connection c, java.util.Collection<String> wanted) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path = pg_catalog");
            String[] schema = wanted.toArray(String[]::new);
            Set<String> existing = new java.util.TreeSet<>();
            query(c, "SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)", schema, rs -> existing.add(rs.getString(1)));
            return new Catalog(readEnums(c, schema), readTables(c, schema), readConstraints(c, schema), readIndexes(c, schema),
                    readSequences(c, schema), readComments(c, schema), CatalogExtras.notCompared(c, schema), existing);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static Map<String, List<String>> readEnums(Connection c, String[] schema) throws SQLException {
        Map<String, List<String>> enums = new LinkedHashMap<>();
        query(c, "SELECT t.typname, e.enumlabel, n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "JOIN pg_enum e ON e.enumtypid = t.oid WHERE n.nspname = ANY (?) ORDER BY n.nspname, t.typname, e.enumsortorder", schema,
                rs -> enums.computeIfAbsent(key(rs.getString(3), rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2)));
        return enums;
    }

    private static Map<String, Table> readTables(Connection c, String[] schema) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        query(c, "SELECT " + KEY + ", a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid), a.attnotnull, "
                + "a.attidentity, a.attgenerated "
                + "FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE n.nspname = ANY (?) AND cl.relkind IN ('r', 'p') ORDER BY 1, a.attnum", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        String identity = rs.getString(6);
                        tables.computeIfAbsent(rs.getString(1), k -> new Table(k, new LinkedHashMap<>())).columns()
                                .put(rs.getString(2), new Column(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                                        identity == null || identity.isEmpty() ? ' ' : identity.charAt(0),
                                        "s".equals(rs.getString(7)) || "v".equals(rs.getString(7)), "v".equals(rs.getString(7))));
                    }
                });
        return tables;
    }

    private static Map<String, Constraint> readConstraints(Connection c, String[] schema) throws SQLException {
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        query(c, "SELECT " + KEY + ", co.conname, co.contype, pg_get_constraintdef(co.oid), "
                + "ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(num, ord) "
                + "JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num ORDER BY k.ord), "
                + "CASE WHEN rn.nspname = 'public' THEN ref.relname ELSE rn.nspname || '.' || ref.relname END "
                + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "LEFT JOIN pg_class ref ON ref.oid = co.confrelid LEFT JOIN pg_namespace rn ON rn.oid = ref.relnamespace "
                + "WHERE n.nspname = ANY (?) AND co.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY 1, co.conname", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        Constraint co = new Constraint(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0),
                                rs.getString(4), List.of((String[]) rs.getArray(5).getArray()), rs.getString(6));
                        constraints.put(co.key(), co);
                    }
                });
        return constraints;
    }

    private static Map<String, Index> readIndexes(Connection c, String[] schema) throws SQLException {
        Map<String, Index> indexes = new LinkedHashMap<>();
        // indexes that back a constraint belong to the constraint
        query(c, "SELECT CASE WHEN n.nspname = 'public' THEN t.relname ELSE n.nspname || '.' || t.relname END, ic.relname, "
                + "pg_get_indexdef(i.indexrelid) FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid) "
                + "ORDER BY 1, ic.relname", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        Index index = new Index(rs.getString(1), rs.getString(2), rs.getString(3));
                        indexes.put(index.key(), index);
                    }
                });
        return indexes;
    }

    private static Map<String, Sequence> readSequences(Connection c, String[] schema) throws SQLException {
        Map<String, Sequence> sequences = new LinkedHashMap<>();
        // with the table that owns it (a serial column), so that the bookkeeping tables' own sequences stay out
        query(c, "SELECT " + KEY + ", format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
                + "(SELECT t.relname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid WHERE d.objid = cl.oid AND d.deptype = 'a' "
                + "AND d.refclassid = 'pg_class'::regclass LIMIT 1) "
                + "FROM pg_sequence s JOIN pg_class cl ON cl.oid = s.seqrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = cl.oid AND d.deptype = 'i') "
                + "ORDER BY 1", schema, rs -> {
                    if (!BOOKKEEPING.contains(String.valueOf(rs.getString(9)))) {
                        sequences.put(rs.getString(1), new Sequence(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8)));
                    }
                });
        return sequences;
    }

    /** Comments of tables ("table") and columns ("table:column"). */
    private static Map<String, String> readComments(Connection c, String[] schema) throws SQLException {
        Map<String, String> comments = new LinkedHashMap<>();
        query(c, "SELECT " + KEY + ", a.attname, d.description FROM pg_description d JOIN pg_class cl ON cl.oid = d.objoid "
                + "AND d.classoid = 'pg_class'::regclass JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = d.objsubid AND d.objsubid > 0 "
                + "WHERE n.nspname = ANY (?) AND cl.relkind IN ('r', 'p') ORDER BY 1, 2 NULLS FIRST", schema, rs -> {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        comments.put(rs.getString(2) == null ? rs.getString(1) : rs.getString(1) + ":" + rs.getString(2), rs.getString(3));
                    }
                });
        return comments;
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** A relation's key in SQL: its name in public, "schema.name" elsewhere (n and cl are the aliases). */
    private static final String KEY = "CASE WHEN n.nspname = 'public' THEN cl.relname ELSE n.nspname || '.' || cl.relname END";

    static void query(Connection c, String sql, String[] schema, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schema));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
