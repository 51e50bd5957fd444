package budgetron.db.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads changesets in order and hands each statement, each ALTER TABLE clause on a table that holds
 * rows, and each changeset to every rule of LintRules. What makes a change dangerous is mostly
 * that its table already holds rows: "existing" tables are those of the database (--pending) or
 * those created before the changesets under review (--since), not those the reviewed changesets
 * create. This class only keeps track (LintState); the rules decide.
 */
public final class Linter {
    private static final java.util.regex.Pattern ADD_COLUMN = java.util.regex.Pattern.compile("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(.+)$");
    private final LintState state = new LintState();
    private final List<LintRule> rules;

    /** Tables that already hold rows before the reviewed changesets, and the enum types' labels. */
    public Linter(Set<String> existingTables, Map<String, List<String>> enumLabels) {
        this(existingTables, enumLabels, LintRules.ALL);
    }

    public Linter(Set<String> existingTables, Map<String, List<String>> enumLabels, List<LintRule> rules) {
        this(existingTables, enumLabels, Map.of(), rules);
    }

    /** With the columns' types ("table.column" → type), so that a type change that rewrites nothing is not reported. */
    public Linter(Set<String> existingTables, Map<String, List<String>> enumLabels, Map<String, String> columnTypes, List<LintRule> rules) {
        state.existing.addAll(existingTables);
        columnTypes.forEach((k, v) -> state.columnTypes.put(k.toLowerCase(java.util.Locale.ROOT), ColumnTypes.normalize(v)));
        enumLabels.forEach((k, v) -> state.enums.put(k, new ArrayList<>(v)));
        this.rules = rules;
    }

    /** Replays changesets that are already applied, to learn the tables and enum labels they leave. */
    public void replay(ChangesetSql cs) {
        for (String statement : cs.sql()) {
            String s = ChangesetReader.normalize(strip(statement));
            Matcher m = LintSql.CREATE_TABLE.matcher(s);
            if (m.find()) {
                state.existing.add(LintSql.name(m.group(1)));
            }
            track(s, false);
        }
    }

    public List<Finding> lint(List<ChangesetSql> changesets) {
        List<Finding> findings = new ArrayList<>();
        for (ChangesetSql cs : changesets) {
            findings.addAll(lint(cs));
        }
        return findings;
    }

    private List<Finding> lint(ChangesetSql cs) {
        Findings out = new Findings(cs);
        boolean ddl = false;
        boolean dml = false;
        boolean lockTimeout = false;
        int exclusiveLine = -1;
        String exclusiveTable = null;
        state.droppedEnums.clear();
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
            ddl |= s.matches("^(CREATE|ALTER|DROP|COMMENT ON|GRANT|REVOKE) .*");
            dml |= s.matches("^(INSERT INTO|UPDATE|DELETE FROM|TRUNCATE|COPY) .*");
            Matcher m = LintSql.CREATE_TABLE.matcher(s);
            if (m.find()) {
                state.created.add(LintSql.name(m.group(1)));
            }
            m = LintSql.DROP_TYPE.matcher(s);
            if (m.find() && state.isEnum(LintSql.name(m.group(1)))) {
                state.droppedEnums.put(LintSql.name(m.group(1)), state.enums.get(LintSql.name(m.group(1))));
            }
            Statement statement = new Statement(s, original, line, state);
            rules.forEach(r -> r.statement(statement, out));
            m = LintSql.CREATE_INDEX.matcher(s);
            if (m.find() && m.group(1) == null && state.existing(m.group(2)) && exclusiveLine < 0) {
                exclusiveLine = line;
                exclusiveTable = LintSql.name(m.group(2));
            }
            m = LintSql.ALTER_TABLE.matcher(s);
            if (m.find() && state.existing(m.group(1))) {
                String table = LintSql.name(m.group(1));
                if (exclusiveLine < 0) {
                    exclusiveLine = line;
                    exclusiveTable = table;
                }
                for (String clause : m.group(2).split(", (?=(ADD|ALTER|DROP|RENAME|VALIDATE|SET|OWNER) )")) {
                    AlterClause c = new AlterClause(table, clause.strip(), original, line, state);
                    trackNotNullChecks(c);
                    rules.forEach(r -> r.alter(c, out));
                }
            }
            track(s, true);
        }
        ChangesetFacts facts = new ChangesetFacts(cs, ddl, dml, lockTimeout, exclusiveLine, exclusiveTable);
        rules.forEach(r -> r.changeset(facts, out));
        return out.list();
    }

    private void trackNotNullChecks(AlterClause c) {
        Matcher check = LintSql.NOT_NULL_CHECK.matcher(c.text());
        if (check.find()) {
            state.notNullChecks.put(LintSql.name(check.group(1)), c.table() + "." + LintSql.name(check.group(2)));
        }
        Matcher validate = LintSql.VALIDATE.matcher(c.text());
        if (validate.find() && state.notNullChecks.containsKey(LintSql.name(validate.group(1)))) {
            state.provenNotNull.add(state.notNullChecks.get(LintSql.name(validate.group(1))));
        }
    }

    /** Renamed and dropped tables, created and extended enum types, column types: what later statements see. */
    private void track(String s, boolean underReview) {
        Matcher created = LintSql.CREATE_TABLE.matcher(s);
        if (created.find()) {
            ColumnTypes.fromCreateTable(LintSql.name(created.group(1)), s, state.columnTypes);
        }
        Matcher m = LintSql.ALTER_TABLE.matcher(s);
        if (m.find()) {
            String table = LintSql.name(m.group(1));
            for (String clause : budgetron.db.schema.Sql.splitTopLevel(m.group(2))) {
                String c = clause.strip();
                Matcher added = ADD_COLUMN.matcher(c);
                if (added.matches()) {
                    ColumnTypes.column(table, added.group(1), state.columnTypes);
                }
                Matcher typed = LintSql.TYPE_CHANGE.matcher(c);
                if (typed.find()) {
                    state.columnTypes.put(table + "." + LintSql.name(typed.group(1)), ColumnTypes.normalize(typed.group(2)));
                }
            }
            Matcher r = LintSql.RENAME_TABLE.matcher(m.group(2));
            if (r.find()) {
                String from = LintSql.name(m.group(1));
                String to = LintSql.name(r.group(1));
                if (state.existing.remove(from)) {
                    state.existing.add(to);
                }
                if (underReview && state.created.remove(from)) {
                    state.created.add(to);
                }
            }
        }
        m = LintSql.DROP_TABLE.matcher(s);
        if (m.find()) {
            for (String t : m.group(1).split(",")) {
                state.existing.remove(LintSql.name(t.strip().replaceAll("^.*\\.", "")));
            }
        }
        m = LintSql.CREATE_ENUM.matcher(s);
        if (m.find()) {
            state.enums.put(LintSql.name(m.group(1)), LintSql.labels(m.group(2)));
        }
        m = LintSql.ADD_ENUM_VALUE.matcher(s);
        if (m.find() && state.isEnum(LintSql.name(m.group(1)))) {
            List<String> labels = state.enums.get(LintSql.name(m.group(1)));
            String label = m.group(2).replace("''", "'");
            int at = m.group(4) == null ? labels.size() : labels.indexOf(m.group(4).replace("''", "'"));
            if (at < 0) {
                at = labels.size();
            } else if ("AFTER".equals(m.group(3))) {
                at++;
            }
            labels.add(Math.min(at, labels.size()), label);
        }
        m = LintSql.DROP_TYPE.matcher(s);
        if (m.find()) {
            state.enums.remove(LintSql.name(m.group(1)));
        }
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
        long warnings = findings.stream().filter(f -> !f.accepted() && f.rule().severity() == LintRule.Severity.WARNING).count();
        long accepted = findings.stream().filter(Finding::accepted).count();
        out.append(errors).append(" errors, ").append(warnings).append(" warnings, ").append(accepted).append(" accepted\n");
        return out.toString();
    }
}
