package budgetron.db.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one SQL statement destroys, read from its text the way the lint reads it (the same
 * statement shapes as its drop-table, drop-column, type-change and unbounded-data-change rules):
 * a whole table (DROP TABLE), a column (DROP COLUMN), the values a type change alters, or rows
 * (DELETE, TRUNCATE). {@code table} is the table as the statement writes it (quoted or not,
 * schema-qualified or not), usable as SQL and by to_regclass; {@code column} the column's real
 * name; {@code detail} the WHERE of a DELETE, or the new type of a type change.
 */
public record Destroyed(Kind kind, String table, String column, String detail, String using) {
    public enum Kind { TABLE, COLUMN, VALUES, ROWS }

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String REL = "(" + NAME + "(?:\\." + NAME + ")?)";
    private static final Pattern DROP_TABLE = Pattern.compile("(?is)^DROP TABLE (?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT)?$");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + REL + " (.+)$");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?is)^DROP (?:COLUMN )?(?:IF EXISTS )?(" + NAME + ")(?: CASCADE| RESTRICT)?$");
    private static final Pattern TYPE = Pattern.compile("(?is)^ALTER (?:COLUMN )?(" + NAME + ") (?:SET DATA )?TYPE (.+?)(?: USING (.+))?$");
    private static final Pattern DELETE = Pattern.compile("(?is)^DELETE FROM (?:ONLY )?" + REL + "(?: (?:AS )?(?!WHERE\\b|USING\\b|RETURNING\\b)(" + NAME
            + "))?( USING .+?)?(?: WHERE (.+?))?(?: RETURNING .+)?$");
    private static final Pattern TRUNCATE = Pattern.compile("(?is)^TRUNCATE (?:TABLE )?(?:ONLY )?(.+?)(?: (?:RESTART|CONTINUE) IDENTITY)?(?: CASCADE| RESTRICT)?$");
    private static final Pattern NOT_A_COLUMN = Pattern.compile("(?i)^(CONSTRAINT|DEFAULT|NOT|IDENTITY|EXPRESSION)\\b.*");

    /** The statement's destructions; none for a statement that destroys nothing. */
    public static List<Destroyed> by(String statement) {
        String s = strip(statement);
        List<Destroyed> out = new ArrayList<>();
        Matcher m = DROP_TABLE.matcher(s);
        if (m.matches()) {
            for (String t : split(m.group(1))) {
                out.add(new Destroyed(Kind.TABLE, t.strip(), null, null, null));
            }
            return out;
        }
        m = TRUNCATE.matcher(s);
        if (m.matches()) {
            for (String t : split(m.group(1))) {
                out.add(new Destroyed(Kind.ROWS, t.strip().replaceFirst("(?i)^ONLY ", ""), null, null, null));
            }
            return out;
        }
        m = DELETE.matcher(s);
        if (m.matches()) {
            // a DELETE … USING joins other tables into its WHERE: the whole table is kept, the restore puts back what is missing
            boolean joins = m.group(3) != null;
            String where = joins ? null : m.group(4);
            if (where != null && m.group(2) != null) {
                where = null; // an alias the WHERE uses: keep the whole table rather than guess
            }
            out.add(new Destroyed(Kind.ROWS, m.group(1), null, where, null));
            return out;
        }
        m = ALTER_TABLE.matcher(s);
        if (m.matches()) {
            for (String clause : split(m.group(2))) {
                String c = clause.strip();
                Matcher drop = DROP_COLUMN.matcher(c);
                if (drop.matches() && !NOT_A_COLUMN.matcher(c.substring(5)).matches()) {
                    out.add(new Destroyed(Kind.COLUMN, m.group(1), unquote(drop.group(1)), null, null));
                }
                Matcher type = TYPE.matcher(c);
                if (type.matches()) {
                    out.add(new Destroyed(Kind.VALUES, m.group(1), unquote(type.group(1)), type.group(2).strip(),
                            type.group(3) == null ? null : type.group(3).strip()));
                }
            }
        }
        return out;
    }

    /** The column's name as the catalog has it: as written when quoted, else folded to lower case. */
    static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
    }

    /** Comments and the final semicolon off, whitespace made single spaces outside quotes. */
    static String strip(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append(' ');
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip().replaceAll(";$", "").strip();
    }

    static List<String> split(String list) {
        return budgetron.db.schema.Sql.splitTopLevel(list);
    }
}
