package budgetron.db.lint;

import budgetron.db.generate.EnumDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks changesets, in order, against the rules. What makes a change dangerous is mostly that its
 * table already holds rows: "existing" tables are those of the database (--pending) or those
 * created before the changesets under review (--since), not those the reviewed changesets create.
 */
public final class Linter {
    private static final String ID = "(?:\"?[\\w$]+\"?\\.)?\"?([\\w$]+)\"?";
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE (?:UNLOGGED |TEMP |TEMPORARY )?TABLE (?:IF NOT EXISTS )?" + ID);
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + ID + " (.*)$");
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE (?:IF EXISTS )?(.*?)(?: CASCADE| RESTRICT)?;?$");
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:\\S+ )?ON (?:ONLY )?" + ID);
    private static final Pattern CREATE_ENUM = Pattern.compile("^CREATE TYPE " + ID + " AS ENUM ?\\((.*)\\)");
    private static final Pattern ADD_ENUM_VALUE = Pattern.compile("^ALTER TYPE " + ID + " ADD VALUE (?:IF NOT EXISTS )?'((?:[^']|'')*)'(?: (BEFORE|AFTER) '((?:[^']|'')*)')?");
    private static final Pattern DROP_TYPE = Pattern.compile("^DROP TYPE (?:IF EXISTS )?" + ID);
    private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME TO " + ID);
    private static final Pattern DATA_CHANGE = Pattern.compile("^(UPDATE|DELETE FROM|TRUNCATE(?: TABLE)?) (?:ONLY )?" + ID + "(.*)$");
    private static final Pattern VOLATILE = Pattern.compile("(RANDOM\\(|GEN_RANDOM_UUID\\(|UUID_GENERATE_V[14]\\(|CLOCK_TIMESTAMP\\(|TIMEOFDAY\\(|NEXTVAL\\(|TXID_CURRENT\\()");

    private final Set<String> existing = new HashSet<>();
    /** CHECK (col IS NOT NULL) NOT VALID constraints seen, by name, as table.col; and the columns whose check was validated. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Set<String> provenNotNull = new HashSet<>();
    private static final Pattern NOT_NULL_CHECK = Pattern.compile("^ADD CONSTRAINT \"?([\\w$]+)\"? CHECK \\(+\"?([\\w$]+)\"? IS NOT NULL\\)+ NOT VALID");
    private static final Pattern VALIDATE = Pattern.compile("^VALIDATE CONSTRAINT \"?([\\w$]+)\"?");
    private static final Pattern SET_NOT_NULL = Pattern.compile("^ALTER (?:COLUMN )?\"?([\\w$]+)\"? SET NOT NULL");
    private final Map<String, List<String>> enums = new HashMap<>();

    /** Tables that already hold rows before the reviewed changesets. */
    public Linter(Set<String> existingTables, Map<String, List<String>> enumLabels) {
        existing.addAll(existingTables);
        enumLabels.forEach((k, v) -> enums.put(k, new ArrayList<>(v)));
    }

    /** Replays changesets that are already applied, to learn the tables and enum labels they leave. */
    public void replay(ChangesetSql cs) {
        for (String statement : cs.sql()) {
            String s = ChangesetReader.normalize(strip(statement));
            Matcher m = CREATE_TABLE.matcher(s);
            if (m.find()) {
                existing.add(name(m.group(1)));
            }
            trackTablesAndEnums(s, existing, new HashSet<>());
        }
    }

    public List<Finding> lint(List<ChangesetSql> changesets) {
        List<Finding> findings = new ArrayList<>();
        Set<String> created = new HashSet<>();
        for (ChangesetSql cs : changesets) {
            findings.addAll(lint(cs, created));
        }
        return findings;
    }

    private List<Finding> lint(ChangesetSql cs, Set<String> created) {
        List<Finding> out = new ArrayList<>();
        boolean ddl = false;
        boolean dml = false;
        boolean lockTimeout = false;
        int exclusiveLine = -1;
        String exclusiveTable = null;
        Map<String, List<String>> droppedEnums = new HashMap<>();
        for (int i = 0; i < cs.sql().size(); i++) {
            String original = strip(cs.sql().get(i)).replaceAll("\\s+", " ");
            String s = ChangesetReader.normalize(original);
            int line = cs.sqlLines()[i];
            if (s.isEmpty()) {
                continue;
            }
            if (s.matches("^SET (LOCAL )?LOCK_TIMEOUT.*")) {
                lockTimeout = true;
                continue;
            }
            if (s.matches("^(CREATE|ALTER|DROP|COMMENT ON|GRANT|REVOKE) .*")) {
                ddl = true;
            }
            if (s.matches("^(INSERT INTO|UPDATE|DELETE FROM|TRUNCATE|COPY) .*")) {
                dml = true;
            }
            Matcher m = CREATE_TABLE.matcher(s);
            if (m.find()) {
                created.add(name(m.group(1)));
            }
            m = CREATE_INDEX.matcher(s);
            if (m.find() && isExisting(m.group(2), created)) {
                if (m.group(1) == null) {
                    out.add(finding(cs, Rule.INDEX_NOT_CONCURRENT, line, "index on existing table " + name(m.group(2))));
                    exclusiveLine = exclusiveLine < 0 ? line : exclusiveLine;
                    exclusiveTable = name(m.group(2));
                }
            }
            m = ALTER_TABLE.matcher(s);
            if (m.find() && isExisting(m.group(1), created)) {
                String table = name(m.group(1));
                exclusiveLine = exclusiveLine < 0 ? line : exclusiveLine;
                exclusiveTable = exclusiveTable == null ? table : exclusiveTable;
                alterTable(cs, line, table, m.group(2), original, out);
            }
            m = DROP_TABLE.matcher(s);
            if (m.find()) {
                for (String t : m.group(1).split(",")) {
                    if (!t.isBlank()) {
                        out.add(finding(cs, Rule.DROP_TABLE, line, "drops table " + name(t.strip().replaceAll("^.*\\.", ""))));
                    }
                }
            }
            m = DATA_CHANGE.matcher(s);
            if (m.find() && isExisting(m.group(2), created) && (m.group(1).startsWith("TRUNCATE") || !m.group(3).contains(" WHERE "))) {
                out.add(finding(cs, Rule.UNBOUNDED_DATA_CHANGE, line, m.group(1).split(" ")[0] + " of every row of " + name(m.group(2))));
            }
            m = DROP_TYPE.matcher(s);
            if (m.find() && enums.containsKey(name(m.group(1)))) {
                droppedEnums.put(name(m.group(1)), enums.get(name(m.group(1))));
            }
            m = CREATE_ENUM.matcher(s);
            if (m.find() && droppedEnums.containsKey(name(m.group(1)))) {
                List<String> before = droppedEnums.get(name(m.group(1)));
                List<String> after = labels(m.group(2));
                if (!EnumDiff.onlyAdds(before, after)) {
                    out.add(finding(cs, Rule.ENUM_VALUE_REMOVED, line, "enum " + name(m.group(1)) + " goes from " + before + " to " + after));
                }
            }
            trackTablesAndEnums(s, existing, created);
        }
        if (ddl && dml) {
            out.add(finding(cs, Rule.MIXED_DDL_DML, cs.line(), "schema and data changes together"));
        }
        if (exclusiveLine >= 0 && !lockTimeout) {
            out.add(finding(cs, Rule.NO_LOCK_TIMEOUT, exclusiveLine, "locks existing table " + exclusiveTable));
        }
        if (cs.rollback().isEmpty()) {
            out.add(finding(cs, Rule.MISSING_ROLLBACK, cs.line(), "no rollback"));
        }
        return out;
    }

    private void alterTable(ChangesetSql cs, int line, String table, String action, String statement, List<Finding> out) {
        for (String clause : action.split(", (?=(ADD|ALTER|DROP|RENAME|VALIDATE|SET|OWNER) )")) {
            String c = clause.strip();
            Matcher check = NOT_NULL_CHECK.matcher(c);
            if (check.find()) {
                notNullChecks.put(name(check.group(1)), table + "." + name(check.group(2)));
            }
            Matcher validate = VALIDATE.matcher(c);
            if (validate.find() && notNullChecks.containsKey(name(validate.group(1)))) {
                provenNotNull.add(notNullChecks.get(name(validate.group(1))));
            }
            if (c.startsWith("ADD ") && c.contains(" FOREIGN KEY ") && !c.contains(" NOT VALID")) {
                out.add(finding(cs, Rule.FOREIGN_KEY_NOT_VALID, line, "foreign key on existing table " + table));
            } else if (c.startsWith("ADD ") && c.matches(".* CHECK ?\\(.*") && !c.contains(" NOT VALID")) {
                out.add(finding(cs, Rule.CHECK_NOT_VALID, line, "CHECK constraint on existing table " + table));
            } else if (c.startsWith("ADD ") && (c.matches(".* UNIQUE ?\\(.*") || c.matches(".*PRIMARY KEY ?\\(.*")) && !c.contains(" USING INDEX")) {
                out.add(finding(cs, Rule.UNIQUE_WITHOUT_INDEX, line, "unique or primary key constraint on existing table " + table));
            } else if (c.startsWith("ADD ") && !c.startsWith("ADD CONSTRAINT") && VOLATILE.matcher(c).find() && c.contains(" DEFAULT ")) {
                out.add(finding(cs, Rule.VOLATILE_DEFAULT, line, "volatile default on existing table " + table));
            } else if (c.matches("^ALTER (COLUMN )?\\S+ (SET DATA )?TYPE .*")) {
                out.add(finding(cs, Rule.TYPE_CHANGE, line, "type change on existing table " + table + ": " + statement));
            } else if (c.matches("^ALTER (COLUMN )?\\S+ SET NOT NULL.*")) {
                Matcher col = SET_NOT_NULL.matcher(c);
                // after a validated CHECK (col IS NOT NULL), PostgreSQL 12+ sets NOT NULL without scanning
                if (!(col.find() && provenNotNull.contains(table + "." + name(col.group(1))))) {
                    out.add(finding(cs, Rule.SET_NOT_NULL, line, "SET NOT NULL on existing table " + table));
                }
            } else if (c.matches("^DROP (COLUMN )?(?!CONSTRAINT )(IF EXISTS )?\\S+.*") && !c.startsWith("DROP DEFAULT") && !c.startsWith("DROP NOT NULL")) {
                out.add(finding(cs, Rule.DROP_COLUMN, line, "drops column " + table + "." + c.replaceAll("^DROP (COLUMN )?(IF EXISTS )?", "").split(" ")[0].replace("\"", "").toLowerCase(Locale.ROOT)));
            } else if (c.startsWith("RENAME ")) {
                out.add(finding(cs, Rule.RENAME, line, "rename on existing table " + table + ": " + statement));
            }
        }
    }

    private void trackTablesAndEnums(String s, Set<String> existingTables, Set<String> created) {
        Matcher m = ALTER_TABLE.matcher(s);
        if (m.find()) {
            Matcher r = RENAME_TABLE.matcher(m.group(2));
            if (r.find()) {
                String from = name(m.group(1));
                String to = name(r.group(1));
                if (existingTables.remove(from)) {
                    existingTables.add(to);
                }
                if (created.remove(from)) {
                    created.add(to);
                }
            }
        }
        m = DROP_TABLE.matcher(s);
        if (m.find()) {
            for (String t : m.group(1).split(",")) {
                existingTables.remove(name(t.strip().replaceAll("^.*\\.", "")));
            }
        }
        m = CREATE_ENUM.matcher(s);
        if (m.find()) {
            enums.put(name(m.group(1)), labels(m.group(2)));
        }
        m = ADD_ENUM_VALUE.matcher(s);
        if (m.find() && enums.containsKey(name(m.group(1)))) {
            List<String> labels = enums.get(name(m.group(1)));
            String label = m.group(2).replace("''", "'");
            int at = m.group(4) == null ? labels.size() : labels.indexOf(m.group(4).replace("''", "'"));
            if (at < 0) {
                at = labels.size();
            } else if ("AFTER".equals(m.group(3))) {
                at++;
            }
            labels.add(Math.min(at, labels.size()), label);
        }
        m = DROP_TYPE.matcher(s);
        if (m.find()) {
            enums.remove(name(m.group(1)));
        }
    }

    private boolean isExisting(String rawName, Set<String> created) {
        String n = name(rawName);
        return existing.contains(n) && !created.contains(n);
    }

    /** Statement text is upper-cased for matching; identifiers are compared in lower case. */
    private static String name(String raw) {
        return raw.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> labels(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'')*)'").matcher(list);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }

    private static String strip(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip().replaceAll(";$", "");
    }

    private static Finding finding(ChangesetSql cs, Rule rule, int line, String detail) {
        return new Finding(rule, cs.id(), cs.file(), line, detail, cs.accepted().get(rule.id()));
    }

    /** The findings as the lint command prints them. */
    public static String format(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        for (Finding f : findings) {
            out.append(f.file()).append(':').append(f.line()).append("  ").append(f.accepted() ? "ACCEPTED" : f.rule().severity().name())
                    .append("  ").append(f.rule().id()).append("  ").append(f.changesetId()).append('\n')
                    .append("    ").append(f.detail()).append('\n');
            if (f.accepted()) {
                out.append("    accepted: ").append(f.acceptedBecause()).append('\n');
            } else {
                out.append("    why: ").append(f.rule().why()).append('\n').append("    instead: ").append(f.rule().fix()).append('\n');
            }
        }
        long errors = findings.stream().filter(Finding::blocking).count();
        long warnings = findings.stream().filter(f -> !f.accepted() && f.rule().severity() == Rule.Severity.WARNING).count();
        long accepted = findings.stream().filter(Finding::accepted).count();
        out.append(errors).append(" errors, ").append(warnings).append(" warnings, ").append(accepted).append(" accepted\n");
        return out.toString();
    }
}
