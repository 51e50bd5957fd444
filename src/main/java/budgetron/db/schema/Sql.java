package budgetron.db.schema;

/** Quoting for the SQL this project writes, and what the generator and the lint both need to know of SQL text. */
public final class Sql {
    /** Calls whose value differs per row: as a column's default they fill every existing row, which rewrites the table. */
    private static final java.util.regex.Pattern VOLATILE = java.util.regex.Pattern.compile(
            "(?i)\\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval|txid_current)\\s*\\(");

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

    /** Such a key always schema-qualified ("public"."accounts"), for SQL run while search_path is pg_catalog. */
    public static String qualified(String key) {
        return key.contains(".") ? rel(key) : id("public") + "." + id(key);
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

    /** True when the expression calls a volatile function (random(), gen_random_uuid(), clock_timestamp(), nextval(), …). */
    public static boolean callsVolatile(String expression) {
        return expression != null && VOLATILE.matcher(expression).find();
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Splits a list at commas outside parentheses and quotes (columns of a CREATE TABLE, clauses of an ALTER TABLE, tables of a DROP). */
    public static java.util.List<String> splitTopLevel(String list) {
        return splitTopLevel(list, ',');
    }

    /** Splits at a separator outside parentheses, string literals and quoted names ('.' splits a qualified name). */
    public static java.util.List<String> splitTopLevel(String list, char separator) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == separator && depth == 0) {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }
}
