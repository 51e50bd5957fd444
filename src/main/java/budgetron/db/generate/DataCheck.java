package budgetron.db.generate;

import budgetron.db.schema.Catalog.Constraint;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static budgetron.db.schema.Sql.id;
import static budgetron.db.schema.Sql.literal;
import static budgetron.db.schema.Sql.rel;

/**
 * One thing the existing rows must satisfy before a change can succeed, as a Liquibase sql-check
 * precondition on the change's first changeset: one query answering 'ok', or a sentence with the
 * number of offending rows, the table, the column and what to do, which migrate then prints
 * ("Expected 'ok' got '50 rows of users hold NULL in nickname …'") before any step ran.
 * {@code soft}: where the query errors, Liquibase warns and the change itself decides (no generated
 * check is soft any more: one that cannot run stops migrate, as a failing one does).
 */
public record DataCheck(String sql, boolean soft) {
    private static final Pattern REFERENCES = Pattern.compile("REFERENCES\\s+(\\S+?)\\s*\\(([^)]*)\\)");

    /** The line ChangelogWriter writes. */
    String line() {
        return "--precondition-sql-check expectedResult:ok " + sql;
    }

    private static DataCheck of(String fromWhere, String sentence) {
        return new DataCheck("SELECT CASE WHEN count(*) = 0 THEN 'ok' ELSE count(*) || " + literal(sentence) + " END " + fromWhere, false);
    }

    /** SET NOT NULL: no NULLs. */
    static DataCheck notNull(String table, String column) {
        return of("FROM " + rel(table) + " WHERE " + id(column) + " IS NULL", " rows of " + table + " hold NULL in " + column
                + ", which NOT NULL refuses: backfill them (UPDATE " + table + " SET " + column + " = ... WHERE " + column
                + " IS NULL) or give the column a default, then migrate again");
    }

    /** A new unique or primary key: no value twice (and, for a primary key, none NULL). */
    static DataCheck unique(Constraint c) {
        String cols = String.join(", ", c.columns().stream().map(budgetron.db.schema.Sql::id).toList());
        String notNull = String.join(" AND ", c.columns().stream().map(col -> id(col) + " IS NOT NULL").toList());
        String named = c.table() + "(" + String.join(", ", c.columns()) + ")";
        String dup = "FROM (SELECT 1 FROM " + rel(c.table()) + " WHERE " + notNull + " GROUP BY " + cols + " HAVING count(*) > 1) AS duplicated";
        return of(dup, " values of " + named + " occur more than once, which " + c.name() + " refuses: remove or change the duplicates "
                + "(SELECT " + String.join(", ", c.columns()) + ", count(*) FROM " + c.table() + " GROUP BY " + String.join(", ", c.columns())
                + " HAVING count(*) > 1 lists them), then migrate again");
    }

    /** A primary key's columns: none NULL. */
    static DataCheck primaryKeyNotNull(Constraint c) {
        String anyNull = String.join(" OR ", c.columns().stream().map(col -> id(col) + " IS NULL").toList());
        return of("FROM " + rel(c.table()) + " WHERE " + anyNull, " rows of " + c.table() + " hold NULL in the primary key's columns ("
                + String.join(", ", c.columns()) + "): give them values, then migrate again");
    }

    /** A new foreign key: no row pointing at a parent that is not there. */
    static DataCheck foreignKey(Constraint c, String definition) {
        Matcher m = REFERENCES.matcher(definition);
        if (!m.find()) {
            return null;
        }
        String parent = m.group(1);
        List<String> refs = List.of(m.group(2).split(",")).stream().map(String::strip).toList();
        StringBuilder match = new StringBuilder();
        StringBuilder present = new StringBuilder();
        for (int i = 0; i < c.columns().size() && i < refs.size(); i++) {
            match.append(i > 0 ? " AND " : "").append("p.").append(refs.get(i)).append(" = c.").append(id(c.columns().get(i)));
            present.append(i > 0 ? " AND " : "").append("c.").append(id(c.columns().get(i))).append(" IS NOT NULL");
        }
        return of("FROM " + rel(c.table()) + " AS c WHERE " + present + " AND NOT EXISTS (SELECT 1 FROM " + parent + " AS p WHERE " + match + ")",
                " rows of " + c.table() + " point through " + String.join(", ", c.columns()) + " at " + parent
                        + " rows that do not exist, which " + c.name() + " refuses: delete them, point them elsewhere or set NULL, then migrate again");
    }

    /** A new CHECK: no row it is false for (NULL passes a CHECK). */
    static DataCheck check(Constraint c, String definition) {
        String expr = oneLine(definition).replaceFirst("(?is)^\\s*CHECK\\s*", "").replaceFirst("(?i)\\s+(NOT VALID|NO INHERIT)\\s*;?\\s*$", "")
                .replaceFirst(";\\s*$", "");
        return of("FROM " + rel(c.table()) + " WHERE (" + expr + ") IS FALSE", " rows of " + c.table() + " break " + c.name() + " "
                + oneLine(definition) + ": correct them, then migrate again");
    }

    /**
     * A type change: no value may be altered or refused, on every PostgreSQL the project supports
     * (14 to 18; pg_input_is_valid is 16+ only, so it is not used). A string longer than the new
     * length is counted; a number or a time that the new type would round is counted (the value cast
     * and compared with itself); a value the new type cannot hold at all (text that is not a number,
     * an integer out of range) makes the check itself fail with PostgreSQL's reason, which stops
     * migrate the same way, before the first step. Null when no value can change (widening).
     */
    static DataCheck castable(String table, String column, String fromType, String toType) {
        String col = id(column);
        String where;
        int to = TypeCasts.length(toType);
        if (TypeCasts.string(toType)) {
            int from = TypeCasts.length(fromType);
            if (to < 0 || (TypeCasts.string(fromType) && from >= 0 && from <= to)) {
                return null; // any value fits: text, or a longer varchar
            }
            where = "char_length(" + col + "::text) > " + to;
        } else if (TypeCasts.string(fromType) || fromType.startsWith("json")) {
            // text to another type: the cast refuses what is not valid input; json has no equality to compare with
            where = "(" + col + "::" + toType + ") IS NULL";
        } else {
            where = "(" + col + "::" + toType + ")::" + fromType + " IS DISTINCT FROM " + col;
        }
        return of("FROM " + rel(table) + " WHERE " + col + " IS NOT NULL AND " + where, " values of " + table + "." + column
                + " would be changed or refused by the new type " + toType + ": correct them (or keep a type that holds them), then migrate again");
    }

    /** An enum rebuilt without some labels: no row holds a removed one. */
    static DataCheck labelsUnused(String type, List<String[]> columns, List<String> removed) {
        if (columns.isEmpty() || removed.isEmpty()) {
            return null;
        }
        String labels = String.join(", ", removed.stream().map(budgetron.db.schema.Sql::literal).toList());
        StringBuilder union = new StringBuilder();
        for (String[] tc : columns) {
            union.append(union.length() == 0 ? "" : " UNION ALL ").append("SELECT 1 FROM ").append(rel(tc[0])).append(" WHERE ")
                    .append(id(tc[1])).append("::text IN (").append(labels).append(")");
        }
        return of("FROM (" + union + ") AS holding", " rows hold a label that enum " + type + " loses (" + String.join(", ", removed)
                + "): change them to a label it keeps, then migrate again");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
