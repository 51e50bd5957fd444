package budgetron.db.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The statement shapes the Linter and its rules recognise, matched on upper-cased text, and how names are compared. */
public final class LintSql {
    private static final String ID = "(?:\"?[\\w$]+\"?\\.)?\"?([\\w$]+)\"?";
    public static final Pattern CREATE_TABLE = Pattern.compile("^CREATE (?:UNLOGGED |TEMP |TEMPORARY )?TABLE (?:IF NOT EXISTS )?" + ID);
    public static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + ID + " (.*)$");
    public static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE (?:IF EXISTS )?(.*?)(?: CASCADE| RESTRICT)?;?$");
    public static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:\\S+ )?ON (?:ONLY )?" + ID);
    public static final Pattern CREATE_ENUM = Pattern.compile("^CREATE TYPE " + ID + " AS ENUM ?\\((.*)\\)");
    public static final Pattern ADD_ENUM_VALUE = Pattern.compile("^ALTER TYPE " + ID + " ADD VALUE (?:IF NOT EXISTS )?'((?:[^']|'')*)'(?: (BEFORE|AFTER) '((?:[^']|'')*)')?");
    public static final Pattern DROP_TYPE = Pattern.compile("^DROP TYPE (?:IF EXISTS )?" + ID);
    public static final Pattern RENAME_TABLE = Pattern.compile("^RENAME TO " + ID);
    public static final Pattern DATA_CHANGE = Pattern.compile("^(UPDATE|DELETE FROM|TRUNCATE(?: TABLE)?) (?:ONLY )?" + ID + "(.*)$");
    public static final Pattern NOT_NULL_CHECK = Pattern.compile("^ADD CONSTRAINT \"?([\\w$]+)\"? CHECK \\(+\"?([\\w$]+)\"? IS NOT NULL\\)+ NOT VALID");
    public static final Pattern VALIDATE = Pattern.compile("^VALIDATE CONSTRAINT \"?([\\w$]+)\"?");
    /** ALTER [COLUMN] c [SET DATA] TYPE t [USING e], on an ALTER TABLE clause: the column, the new type, the USING expression. */
    public static final Pattern TYPE_CHANGE = Pattern.compile("^ALTER (?:COLUMN )?\"?([\\w$]+)\"? (?:SET DATA )?TYPE (.+?)(?: USING (.+))?$");
    public static final Pattern SET_NOT_NULL = Pattern.compile("^ALTER (?:COLUMN )?\"?([\\w$]+)\"? SET NOT NULL");

    private LintSql() {
    }

    /** Statement text is upper-cased for matching; identifiers are compared in lower case, unquoted. */
    public static String name(String raw) {
        return raw.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    /** The labels of an ENUM ('a', 'b') list. */
    public static List<String> labels(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'')*)'").matcher(list);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }
}
