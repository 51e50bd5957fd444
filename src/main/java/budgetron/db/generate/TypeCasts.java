package budgetron.db.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a value of one column type goes into a column of another without being cut. PostgreSQL's
 * explicit casts truncate strings to a length ('abcdef'::varchar(3) is 'abc'); its assignment casts
 * (what an UPDATE's SET and an ALTER TYPE without USING apply) refuse instead. So a value is
 * assigned bare wherever an assignment cast exists (within the string, the number and the time
 * families, and into any string type), and cast explicitly only where none exists (text to integer,
 * say), where no explicit cast truncates either.
 */
final class TypeCasts {
    private static final Pattern STRING = Pattern.compile("^(text|citext|character varying|varchar|character|char|bpchar)(\\((\\d+)\\))?$");
    private static final Pattern NUMBER = Pattern.compile("^(smallint|integer|bigint|numeric|real|double precision)(\\(.*\\))?$");
    private static final Pattern NUMERIC = Pattern.compile("^numeric(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?$");
    private static final Pattern TIME = Pattern.compile("^(date|timestamp|time)(\\(\\d+\\))?( with(out)? time zone)?$");

    private TypeCasts() {
    }

    /** The expression that assigns {@code expr} (of type from) to a column of type to, failing rather than cutting. */
    static String assign(String expr, String from, String to) {
        return assignable(from, to) ? expr : expr + "::" + to;
    }

    /** Whether PostgreSQL has an assignment cast from one to the other (so that no USING is needed, and none truncates). */
    static boolean assignable(String from, String to) {
        return string(to) || family(from) != null && family(from).equals(family(to));
    }

    /**
     * Whether PostgreSQL rewrites the table for this type change. It does not for a string made
     * longer or unbounded (varchar(n) to varchar(m >= n) or text), nor for numeric's precision raised
     * with the same scale, or its limits removed; checked against relfilenode in TypeCastsTest.
     */
    static boolean rewrites(String from, String to) {
        Matcher f = STRING.matcher(from);
        Matcher t = STRING.matcher(to);
        if (f.matches() && t.matches()) {
            boolean varying = !f.group(1).startsWith("char") && !f.group(1).equals("bpchar") && !f.group(1).equals("character");
            boolean toVarying = !t.group(1).startsWith("char") && !t.group(1).equals("bpchar") && !t.group(1).equals("character");
            return !(varying && toVarying && (t.group(3) == null || f.group(3) != null && Integer.parseInt(t.group(3)) >= Integer.parseInt(f.group(3))));
        }
        Matcher nf = NUMERIC.matcher(from);
        Matcher nt = NUMERIC.matcher(to);
        if (nf.matches() && nt.matches()) {
            if (nt.group(1) == null) {
                return false;
            }
            return nf.group(1) == null || Integer.parseInt(nt.group(1)) < Integer.parseInt(nf.group(1))
                    || !java.util.Objects.equals(scale(nf.group(2)), scale(nt.group(2)));
        }
        return true;
    }

    private static String scale(String s) {
        return s == null ? "0" : s;
    }

    static boolean string(String type) {
        return STRING.matcher(type).matches();
    }

    /** A string type's length limit, or -1 for none (text, varchar without length). */
    static int length(String type) {
        Matcher m = STRING.matcher(type);
        return m.matches() && m.group(3) != null ? Integer.parseInt(m.group(3)) : -1;
    }

    private static String family(String type) {
        return STRING.matcher(type).matches() ? "string" : NUMBER.matcher(type).matches() ? "number" : TIME.matcher(type).matches() ? "time" : null;
    }
}
