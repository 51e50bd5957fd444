package budgetron.db.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Hibernate wrote when it created the entities' tables (its schema-generation script), read
 * back for the texts a changeset should say as the entity says them: each table's CHECK conditions,
 * column-level (`status varchar(255) check (status in ('OPEN','CLOSED'))`, an enum or a field's
 * {@code @Check}) and table-level ({@code @Check} on the class). Hibernate writes one statement per
 * line; quotes and parentheses are followed so that commas and keywords inside them do not count.
 */
final class HibernateDdl {
    private HibernateDdl() {
    }

    /** Table (as the catalog keys it: "name" in public, "schema.name" elsewhere) → its CHECK conditions, in order. */
    static Map<String, List<String>> checks(String script) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : script.split("\n")) {
            String statement = line.strip();
            if (!statement.toLowerCase(Locale.ROOT).startsWith("create table ")) {
                continue;
            }
            int open = statement.indexOf('(');
            int close = statement.lastIndexOf(')');
            if (open < 0 || close < open) {
                continue;
            }
            String table = key(statement.substring("create table ".length(), open).strip());
            List<String> conditions = new ArrayList<>();
            for (String item : Sql.splitTopLevel(statement.substring(open + 1, close))) {
                String condition = checkOf(item.strip());
                if (condition != null) {
                    conditions.add(condition);
                }
            }
            if (!conditions.isEmpty()) {
                out.put(table, conditions);
            }
        }
        return out;
    }

    /** The condition of the item's CHECK (...) at the top level, or null: "check (a > 0)", "constraint x check (a > 0)", "a int check (a > 0)". */
    static String checkOf(String item) {
        int depth = 0;
        boolean quoted = false;
        String lower = item.toLowerCase(Locale.ROOT);
        for (int i = 0; i < item.length(); i++) {
            char ch = item.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
            } else if (!quoted && depth == 0 && lower.startsWith("check", i) && (i == 0 || item.charAt(i - 1) == ' ')) {
                int paren = item.indexOf('(', i);
                if (paren > 0 && item.substring(i + 5, paren).isBlank()) {
                    int end = matching(item, paren);
                    return end < 0 ? null : item.substring(paren + 1, end).strip();
                }
            }
        }
        return null;
    }

    private static int matching(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** "audit.entries" or "\"Audit\".\"Entries\"" as the catalog keys it; public's tables without their schema. */
    private static String key(String qualified) {
        List<String> parts = Sql.splitTopLevel(qualified, '.').stream().map(p -> p.strip().replace("\"", "")).toList();
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : "public";
        return Catalog.key(schema, name);
    }
}
