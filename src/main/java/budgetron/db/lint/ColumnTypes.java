package budgetron.db.lint;

import budgetron.db.schema.Sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types the lint knows (from the database's catalog, or from the CREATE TABLE and ADD
 * COLUMN statements it read), and which type changes PostgreSQL makes without rewriting the table:
 * those where the stored bytes stay valid (binary-coercible, with a typmod that only widens). The
 * rules were measured (relfilenode before and after, PostgreSQL 15): varchar(n) to varchar(m ≥ n),
 * to varchar or to text; text to varchar; numeric(p,s) to numeric(q ≥ p,s) or numeric; varbit(n)
 * to varbit(m ≥ n); timestamp, timestamptz, time, interval(p) to a precision ≥ p. Everything else
 * (varchar narrowed, int to bigint, char(n) widened, a scale changed) rewrites.
 */
public final class ColumnTypes {
    private static final Pattern TYPED = Pattern.compile("^([a-z ]+?)\\s*(?:\\(([^)]*)\\))?\\s*(without time zone|with time zone)?$");
    private static final Pattern ELEMENT_NAME = Pattern.compile("^(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)\\s+(.*)$");
    private static final Pattern TYPE_END = Pattern.compile("(?i)\\s+(DEFAULT|NOT|NULL|CONSTRAINT|PRIMARY|UNIQUE|CHECK|REFERENCES|GENERATED|COLLATE)\\b.*$");

    private ColumnTypes() {
    }

    /** A type as format_type prints it or a changeset writes it, in one spelling: "varchar(20)", "timestamp(3)", "numeric(10,2)". */
    public static String normalize(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("\"", "");
        t = t.replaceFirst("^pg_catalog\\.", "");
        Matcher m = TYPED.matcher(t);
        if (!m.matches()) {
            return t;
        }
        String base = m.group(1).strip();
        String mod = m.group(2) == null ? "" : "(" + m.group(2).replace(" ", "") + ")";
        String zone = m.group(3);
        base = switch (base) {
            case "character varying" -> "varchar";
            case "decimal" -> "numeric";
            case "bit varying" -> "varbit";
            case "timestamp with time zone" -> "timestamptz";
            case "timestamp without time zone" -> "timestamp";
            case "time with time zone" -> "timetz";
            case "time without time zone" -> "time";
            default -> base;
        };
        if ("with time zone".equals(zone)) {
            base = base.equals("time") ? "timetz" : "timestamptz";
        }
        return base + mod;
    }

    /** Whether changing a column from {@code from} to {@code to} leaves the table as it is (no rewrite). */
    public static boolean noRewrite(String from, String to) {
        String a = normalize(from);
        String b = normalize(to);
        if (a.equals(b)) {
            return true;
        }
        String baseA = a.replaceFirst("\\(.*$", "");
        String baseB = b.replaceFirst("\\(.*$", "");
        List<Integer> modA = mods(a);
        List<Integer> modB = mods(b);
        if ((baseA.equals("varchar") || baseA.equals("text")) && baseB.equals("text")) {
            return true;
        }
        if (baseA.equals("text") && baseB.equals("varchar")) {
            return modB.isEmpty();
        }
        if (baseA.equals("varchar") && baseB.equals("varchar") || baseA.equals("varbit") && baseB.equals("varbit")) {
            return modB.isEmpty() || !modA.isEmpty() && modB.get(0) >= modA.get(0);
        }
        if (baseA.equals("numeric") && baseB.equals("numeric")) {
            if (modB.isEmpty()) {
                return true;
            }
            int scaleA = modA.size() > 1 ? modA.get(1) : 0;
            int scaleB = modB.size() > 1 ? modB.get(1) : 0;
            return !modA.isEmpty() && modB.get(0) >= modA.get(0) && scaleA == scaleB;
        }
        if (baseA.equals(baseB) && List.of("timestamp", "timestamptz", "time", "timetz", "interval").contains(baseA)) {
            int pa = modA.isEmpty() ? 6 : modA.get(0);
            int pb = modB.isEmpty() ? 6 : modB.get(0);
            return pb >= pa;
        }
        return false;
    }

    private static List<Integer> mods(String t) {
        int open = t.indexOf('(');
        if (open < 0) {
            return List.of();
        }
        try {
            return List.of(t.substring(open + 1, t.indexOf(')')).split(",")).stream().map(String::strip).map(Integer::parseInt).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The columns a CREATE TABLE's body declares, into {@code into} as "table.column" → type. */
    static void fromCreateTable(String table, String statement, Map<String, String> into) {
        int open = statement.indexOf('(');
        int close = statement.lastIndexOf(')');
        if (open < 0 || close < open) {
            return;
        }
        for (String element : Sql.splitTopLevel(statement.substring(open + 1, close))) {
            column(table, element.strip(), into);
        }
    }

    /** One column definition ("name type …"), as in CREATE TABLE or ADD COLUMN. */
    static void column(String table, String definition, Map<String, String> into) {
        if (definition.matches("(?is)^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE|LIKE)\\b.*")) {
            return;
        }
        Matcher m = ELEMENT_NAME.matcher(definition);
        if (m.matches()) {
            into.put(table + "." + LintSql.name(m.group(1)), normalize(TYPE_END.matcher(m.group(2)).replaceFirst("")));
        }
    }
}
