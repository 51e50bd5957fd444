package budgetron.db.schema;

/** Quoting for the SQL this project writes. */
public final class Sql {
    private Sql() {
    }

    /** An identifier, always double-quoted as Drizzle wrote them: camelCase constraint names need it. */
    public static String id(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A table, sequence or type as the catalog keys it: "name" in public, "schema.name" elsewhere
     * (@Table(schema = ...)); quoted part by part.
     */
    public static String rel(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? id(key) : id(key.substring(0, dot)) + "." + id(key.substring(dot + 1));
    }

    /** The name part of such a key, without its schema. */
    public static String bare(String key) {
        return key.substring(key.indexOf('.') + 1);
    }

    /** The schema part of such a key: "" for public. */
    public static String schemaOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
