package budgetron.db.drift;

import budgetron.db.generate.Change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Views, materialized views, functions, triggers, row-level security and its policies, as PostgreSQL
 * prints them back (a policy assembled from its parts): the objects a changelog may create that the
 * entity diff does not model. Both databases sit on the same server,
 * so the same definition prints the same way; any difference is an edit made outside the changelog.
 */
record Definitions(Map<String, Definition> byName) {
    /** kind: view, materialized view, function, trigger, policy, row level security; name: as the drift line shows it; sql: what PostgreSQL prints. */
    record Definition(String kind, String name, String sql, String dropSql) {
        String key() {
            return kind + " " + name;
        }

        /** The statement that makes it exist as this definition says. */
        String createSql() {
            return switch (kind) {
                case "view" -> "CREATE OR REPLACE VIEW " + name + " AS\n" + stripSemicolon(sql) + ";";
                case "materialized view" -> "CREATE MATERIALIZED VIEW " + name + " AS\n" + stripSemicolon(sql) + ";";
                default -> stripSemicolon(sql) + ";";
            };
        }
    }

    private static final String USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
    private static final String NOT_EXTENSION = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";

    static Definitions read(Connection c) throws SQLException {
        Map<String, Definition> out = new TreeMap<>();
        String table = "quote_ident(n.nspname) || '.' || quote_ident(cl.relname)";
        add(c, out, "SELECT CASE cl.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, "
                + table + ", pg_get_viewdef(cl.oid, true), "
                + "CASE cl.relkind WHEN 'v' THEN 'DROP VIEW ' ELSE 'DROP MATERIALIZED VIEW ' END || " + table + " "
                + "FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE cl.relkind IN ('v', 'm') AND " + USER_SCHEMAS + " AND " + String.format(NOT_EXTENSION, "cl.oid"));
        add(c, out, "SELECT 'function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
                + "pg_get_functiondef(p.oid), 'DROP ' || CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END "
                + "|| quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE p.prokind IN ('f', 'p') AND " + USER_SCHEMAS + " AND " + String.format(NOT_EXTENSION, "p.oid"));
        add(c, out, "SELECT 'policy', quote_ident(p.polname) || ' on ' || " + table + ", "
                + "'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || " + table
                + " || ' AS ' || CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END "
                + "|| ' FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END "
                + "|| ' TO ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ' ORDER BY r) "
                + "FROM unnest(p.polroles) r) "
                + "|| coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '') "
                + "|| coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', ''), "
                + "'DROP POLICY ' || quote_ident(p.polname) || ' ON ' || " + table + " "
                + "FROM pg_policy p JOIN pg_class cl ON cl.oid = p.polrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE " + USER_SCHEMAS);
        add(c, out, "SELECT 'row level security', " + table + ", "
                + "'ALTER TABLE ' || " + table + " || ' ENABLE ROW LEVEL SECURITY' "
                + "|| CASE WHEN cl.relforcerowsecurity THEN '; ALTER TABLE ' || " + table + " || ' FORCE ROW LEVEL SECURITY' ELSE '' END, "
                + "'ALTER TABLE ' || " + table + " || ' DISABLE ROW LEVEL SECURITY' "
                + "FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.relrowsecurity AND " + USER_SCHEMAS);
        add(c, out, "SELECT 'trigger', quote_ident(t.tgname) || ' on ' || " + table + ", "
                + "pg_get_triggerdef(t.oid, true), 'DROP TRIGGER ' || quote_ident(t.tgname) || ' ON ' || " + table + " "
                + "FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE NOT t.tgisinternal AND " + USER_SCHEMAS);
        return new Definitions(out);
    }

    private static void add(Connection c, Map<String, Definition> out, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Definition d = new Definition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) + ";");
                out.put(d.key(), d);
            }
        }
    }

    /** "- kind name" (the history has it), "+ kind name" (only the database), "~ kind name: ..." (both, defined differently). */
    static List<String> differences(Definitions expected, Definitions actual) {
        List<String> out = new ArrayList<>();
        for (Definition want : expected.byName.values()) {
            Definition have = actual.byName.get(want.key());
            if (have == null) {
                out.add("- " + want.key());
            } else if (!have.sql().equals(want.sql())) {
                out.add("~ " + want.key() + ": defined differently (history: " + firstDifference(want.sql(), have.sql()) + ")");
            }
        }
        for (Definition have : actual.byName.values()) {
            if (!expected.byName.containsKey(have.key())) {
                out.add("+ " + have.key());
            }
        }
        return out;
    }

    /** SQL that gives the database the history's definitions again: triggers last, as they need their functions. */
    static List<Change> suggestions(Definitions expected, Definitions actual) {
        List<Change> drops = new ArrayList<>();
        List<Change> creates = new ArrayList<>();
        List<Change> triggers = new ArrayList<>();
        for (Definition have : actual.byName.values()) {
            if (!expected.byName.containsKey(have.key())) {
                drops.add(new Change("drop " + have.key() + " (not in the history)", List.of(have.dropSql()), List.of(have.createSql())));
            }
        }
        for (Definition want : expected.byName.values()) {
            Definition have = actual.byName.get(want.key());
            if (have != null && have.sql().equals(want.sql())) {
                continue;
            }
            List<String> sql = new ArrayList<>();
            // a trigger or materialized view cannot be replaced in place; a view whose columns changed cannot either
            if (have != null && !want.kind().equals("function")) {
                sql.add(have.dropSql());
            }
            sql.add(want.createSql());
            Change change = new Change((have == null ? "create " : "restore ") + want.key(), sql,
                    have == null ? List.of(want.dropSql()) : List.of(want.dropSql(), have.createSql()));
            // triggers and policies after the functions they may call
            (want.kind().equals("trigger") || want.kind().equals("policy") ? triggers : creates).add(change);
        }
        List<Change> out = new ArrayList<>(drops);
        out.addAll(creates);
        out.addAll(triggers);
        return out;
    }

    /** The first line that differs, each side's, so that the drift line says what changed. */
    private static String firstDifference(String a, String b) {
        String[] x = stripSemicolon(a).split("\n");
        String[] y = stripSemicolon(b).split("\n");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? "\"" + shorten(x[i].strip()) + "\"" : "(ends)";
            String r = i < y.length ? "\"" + shorten(y[i].strip()) + "\"" : "(ends)";
            if (!l.equals(r)) {
                return l + ", database: " + r;
            }
        }
        return "only in spacing";
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
