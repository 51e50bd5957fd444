package budgetron.db.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A catalog as text in the layout of `pg_dump --schema-only --no-owner`: enum types, tables,
 * primary key and unique constraints, indexes, foreign keys, each group sorted by name. Two
 * databases compare by comparing two strings, whatever the server's major version (the machine's
 * pg_dump refuses a newer server).
 */
public final class SchemaDump {
    private SchemaDump() {
    }

    public static String of(Connection c) throws SQLException {
        return of(Catalog.read(c));
    }

    public static String of(Catalog catalog) {
        StringBuilder out = new StringBuilder();
        catalog.sequences().values().forEach(s -> out.append("\nCREATE SEQUENCE ").append(dumpName(s.name())).append(' ')
                .append(s.options()).append(";\n"));
        catalog.enums().forEach((name, labels) -> {
            List<String> quoted = labels.stream().map(Sql::literal).toList();
            out.append("\nCREATE TYPE ").append(dumpName(name)).append(" AS ENUM (\n    ")
                    .append(String.join(",\n    ", quoted)).append("\n);\n");
        });
        catalog.tables().values().forEach(t -> {
            List<String> lines = new ArrayList<>();
            t.columns().values().forEach(col -> lines.add(pgIdent(col.name()) + " " + col.type()
                    + (col.generated() ? " GENERATED ALWAYS AS (" + col.defaultExpr() + ")" + (col.virtual() ? " VIRTUAL" : " STORED")
                    : col.defaultExpr() == null ? "" : " DEFAULT " + col.defaultExpr()) + (col.notNull() ? " NOT NULL" : "") + col.identitySql()));
            catalog.constraints().values().stream().filter(co -> co.table().equals(t.name()) && co.type() == 'c')
                    .forEach(co -> lines.add("CONSTRAINT " + pgIdent(co.name()) + " " + co.definition()));
            out.append("\nCREATE TABLE ").append(dumpName(t.name())).append(" (\n    ")
                    .append(String.join(",\n    ", lines)).append("\n);\n");
        });
        Comparator<Catalog.Constraint> byTableThenName = Comparator.comparing(Catalog.Constraint::table).thenComparing(Catalog.Constraint::name);
        catalog.constraints().values().stream().filter(co -> co.type() == 'p' || co.type() == 'u' || co.type() == 'x')
                .sorted(byTableThenName).forEach(co -> constraint(out, co));
        catalog.indexes().values().forEach(i -> out.append('\n').append(i.definition()).append(";\n"));
        catalog.constraints().values().stream().filter(co -> co.type() == 'f')
                .sorted(byTableThenName).forEach(co -> constraint(out, co));
        catalog.comments().forEach((key, text) -> out.append("\nCOMMENT ON ").append(key.contains(":") ? "COLUMN " : "TABLE ")
                .append(key.contains(":") ? dumpName(key.substring(0, key.indexOf(':'))) + "." + pgIdent(key.substring(key.indexOf(':') + 1))
                        : dumpName(key)).append(" IS ").append(Sql.literal(text)).append(";\n"));
        return out.toString();
    }

    private static void constraint(StringBuilder out, Catalog.Constraint co) {
        out.append("\nALTER TABLE ONLY ").append(dumpName(co.table())).append("\n    ADD CONSTRAINT ")
                .append(pgIdent(co.name())).append(' ').append(co.definition()).append(";\n");
    }

    /** A catalog key as pg_dump writes the name: schema-qualified, public included. */
    static String dumpName(String key) {
        String schema = Sql.schemaOf(key);
        return (schema.isEmpty() ? "public" : pgIdent(schema)) + "." + pgIdent(Sql.bare(key));
    }

    /** Quotes only where PostgreSQL needs it, as pg_dump does (keywords aside: Budgetron uses none). */
    static String pgIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : Sql.id(name);
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
