package budgetron.db.lint;

import budgetron.db.liquibase.Changelog;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.resource.Resource;
import liquibase.statement.SqlStatement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Liquibase changesets into what a DBA reviews: the SQL Liquibase generates for PostgreSQL
 * (so XML or YAML changesets are checked as the SQL they become), the rollback SQL, the file and
 * line, and the lint:accept lines written in the changeset.
 */
public final class ChangesetReader {
    private static final Pattern ACCEPT = Pattern.compile("lint:accept\\s+([a-z-]+)\\s+(.+)");
    private static final Pattern BACKUP_OFF = Pattern.compile("backup:off\\b\\s*(.*)");

    private final Database database;
    private final Changelog changelog;
    private final Map<String, List<String>> fileLines = new HashMap<>();

    public ChangesetReader(Database database, Changelog changelog) {
        this.database = database;
        this.changelog = changelog;
    }

    public List<ChangesetSql> read(List<ChangeSet> changeSets) throws LiquibaseException {
        List<ChangesetSql> result = new ArrayList<>();
        for (ChangeSet cs : changeSets) {
            result.add(read(cs));
        }
        return result;
    }

    public ChangesetSql read(ChangeSet cs) throws LiquibaseException {
        List<String> sql = new ArrayList<>();
        for (Change change : cs.getChanges()) {
            sql.addAll(toSql(change.generateStatements(database)));
        }
        List<String> rollback = new ArrayList<>();
        if (!cs.getRollback().getChanges().isEmpty()) {
            for (Change change : cs.getRollback().getChanges()) {
                rollback.addAll(toSql(change.generateStatements(database)));
            }
        } else {
            for (int i = cs.getChanges().size() - 1; i >= 0; i--) {
                Change change = cs.getChanges().get(i);
                if (change.supportsRollback(database)) {
                    try {
                        rollback.addAll(toSql(change.generateRollbackStatements(database)));
                    } catch (LiquibaseException | RuntimeException e) {
                        // no automatic rollback for this change
                    }
                }
            }
        }
        List<String> lines = lines(cs.getFilePath());
        int header = headerLine(lines, cs);
        int end = header;
        while (end + 1 < lines.size() && !lines.get(end + 1).startsWith("--changeset ")) {
            end++;
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        String backupOff = null;
        for (int i = Math.max(0, header - 1); i <= end && i < lines.size(); i++) {
            Matcher m = ACCEPT.matcher(lines.get(i));
            if (m.find()) {
                accepted.put(m.group(1), m.group(2).strip());
            }
            Matcher off = BACKUP_OFF.matcher(lines.get(i));
            if (i >= header && lines.get(i).startsWith("--") && off.find()) {
                backupOff = off.group(1).isBlank() ? "(no reason given)" : off.group(1).strip();
            }
        }
        if (cs.getComments() != null) {
            Matcher m = ACCEPT.matcher(cs.getComments());
            while (m.find()) {
                accepted.put(m.group(1), m.group(2).strip());
            }
            Matcher off = BACKUP_OFF.matcher(cs.getComments());
            if (backupOff == null && off.find()) {
                backupOff = off.group(1).isBlank() ? "(no reason given)" : off.group(1).strip();
            }
        }
        int[] sqlLines = new int[sql.size()];
        int from = header;
        for (int s = 0; s < sql.size(); s++) {
            sqlLines[s] = statementLine(lines, from, end, sql.get(s));
            from = Math.max(from, sqlLines[s] - 1);
        }
        return new ChangesetSql(cs.getId(), cs.getAuthor(), cs.getFilePath(), header + 1, cs.getComments(), sql, rollback, sqlLines, accepted,
                backupOff, cs.isRunInTransaction());
    }

    private List<String> toSql(SqlStatement[] statements) {
        return budgetron.db.liquibase.Migrator.sql(statements, database);
    }

    private List<String> lines(String path) {
        return fileLines.computeIfAbsent(path, p -> {
            try {
                Resource resource = changelog.accessor().get(p);
                try (InputStream in = resource.openInputStream()) {
                    return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
                }
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }

    /** 0-based index of the changeset's header: `--changeset author:id` in SQL, id="..." in XML. */
    private static int headerLine(List<String> lines, ChangeSet cs) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("--changeset " + cs.getAuthor() + ":" + cs.getId()) || l.contains("id=\"" + cs.getId() + "\"")) {
                return i;
            }
        }
        return 0;
    }

    /** 1-based line where a statement starts, after line {@code from}, found by its first words; {@code from}'s when not found. */
    private static int statementLine(List<String> lines, int from, int end, String sql) {
        String start = normalize(sql);
        start = start.substring(0, Math.min(60, start.length()));
        for (int i = from + 1; i <= end && i < lines.size(); i++) {
            String l = normalize(lines.get(i));
            if (!l.isEmpty() && !lines.get(i).startsWith("--") && (l.startsWith(start) || start.startsWith(l))) {
                return i + 1;
            }
        }
        return from + 1;
    }

    static String normalize(String sql) {
        return sql.replaceAll("\\s+", " ").strip().toUpperCase(java.util.Locale.ROOT);
    }
}
