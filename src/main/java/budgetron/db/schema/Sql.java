package budgetron.db.schema;

/** Quoting for the SQL this project writes. */
public final class Sql {
    private Sql() {
    }

    /** An identifier, always double-quoted as Drizzle wrote them: camelCase constraint names need it. */
    public static String id(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
