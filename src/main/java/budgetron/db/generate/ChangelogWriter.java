package budgetron.db.generate;

import budgetron.db.config.ConfigException;
import budgetron.db.lint.ChangesetSql;
import budgetron.db.release.Release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes generated changes as ONE new formatted-SQL file, numbered after the last one in
 * changelog/, and includes it at the end of the master changelog. Never touches an existing file
 * other than appending that include line.
 */
public final class ChangelogWriter {
    public static final String DEFAULT_NAME = "schema-changes";
    public static final String AUTHOR = "budgetron";
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4})_.*\\.(sql|xml|yaml|yml)$");
    private static final String MASTER = "db.changelog-master.xml";

    private ChangelogWriter() {
    }

    public static Path write(Path changelogDir, String name, List<Change> changes) throws IOException {
        String slug = slug(name == null || name.isBlank() ? nameFor(changes) : name);
        String base = String.format("%04d_%s", nextNumber(changelogDir), slug);
        Path file = changelogDir.resolve(base + ".sql");
        if (Files.exists(file)) {
            throw new ConfigException(file + " already exists: refusing to overwrite it.");
        }
        String release = base.substring(0, 4);
        StringBuilder out = new StringBuilder("--liquibase formatted sql\n");
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            String id = changes.size() == 1 ? base : base + "-" + (i + 1);
            out.append("\n--changeset ").append(AUTHOR).append(':').append(id).append(change.transactional() ? "" : " runInTransaction:false")
                    .append(change.isContract() ? " labels:" + Release.CONTRACT_LABEL : "")
                    // Liquibase splits at every ';' and knows no dollar quotes: a function body goes whole, and pgjdbc splits it right
                    .append(Stream.concat(change.sql().stream(), change.rollback().stream()).anyMatch(q -> q.contains("$fn$") || q.contains("$bf$"))
                            ? " splitStatements:false" : "").append('\n');
            if (change.isContract()) {
                // skipped (not failed) while the release before this one is connected: every later migrate tries again
                out.append("--preconditions onFail:CONTINUE onError:HALT\n");
                out.append("--precondition-sql-check expectedResult:0 ").append(Release.olderConnections(release)).append('\n');
            } else if (!change.checks().isEmpty()) {
                // the data checked before the first statement: a failure stops migrate with the count, nothing applied
                boolean soft = change.checks().stream().allMatch(DataCheck::soft);
                out.append("--preconditions onFail:HALT onError:").append(soft ? "WARN" : "HALT").append('\n');
                change.checks().forEach(c -> out.append(c.line()).append('\n'));
            }
            out.append("--comment: ").append(change.title()).append(change.why() == null ? "" : ". " + change.why())
                    .append(change.warning() == null ? "" : ". " + change.warning())
                    .append(ChangesetSql.dropsData(change.rollback()) ? ". " + ChangesetSql.LOSES_DATA_MARK + ": the rollback drops what this adds" : "")
                    .append('\n');
            change.accepts().forEach(a -> out.append("-- lint:accept ").append(a).append('\n'));
            if (change.backupOff() != null) {
                out.append("-- backup:off ").append(change.backupOff()).append('\n');
            }
            change.sql().forEach(s -> out.append(s).append('\n'));
            for (String r : change.rollback()) {
                for (String line : r.split("\n")) {
                    out.append("--rollback ").append(line).append('\n');
                }
            }
        }
        Files.writeString(file, out.toString().replace(ExpandContract.RELEASE, release));
        include(changelogDir.resolve(MASTER), file.getFileName().toString());
        return file;
    }

    /**
     * A file name that says what changed, when none was given: the first change, as in
     * 0010_create-tags or 0011_add-users-preferences, so that the folder reads as a history.
     */
    static String nameFor(List<Change> changes) {
        if (changes.isEmpty()) {
            return DEFAULT_NAME;
        }
        // the first change to a table says it best; sequences, enum types and constraints come along with it
        Change first = changes.stream().filter(c -> !c.title().matches("^(create|alter) (sequence|enum) .*|^(add|validate) constraint .*"))
                .findFirst().orElse(changes.get(0));
        String title = first.title().replaceAll("\\(.*?\\)", "").split(":")[0].replaceAll(",? step \\d+ of \\d+.*$", "")
                .replaceAll("\\b(table|column|constraint|values to|index|enum|sequence) ", "").replace('.', '-');
        long tables = changes.stream().filter(c -> c.title().startsWith("create table ")).count();
        if (tables > 1 && first.title().startsWith("create table ")) {
            title += " and " + (tables - 1) + " more tables";
        }
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (s.length() > 50) {
            s = s.substring(0, 50).replaceAll("-[^-]*$", "");
        }
        return s.isEmpty() ? DEFAULT_NAME : s;
    }

    static int nextNumber(Path changelogDir) throws IOException {
        int max = -1;
        try (Stream<Path> files = Files.list(changelogDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (s.isEmpty()) {
            throw new ConfigException("The changeset name '" + name + "' has no letters or digits: give a short description such as add-nickname.");
        }
        return s;
    }

    private static void include(Path master, String fileName) throws IOException {
        String xml = Files.readString(master);
        int end = xml.lastIndexOf("</databaseChangeLog>");
        if (end < 0) {
            throw new ConfigException(master + " has no closing </databaseChangeLog>: fix it, then generate again.");
        }
        String line = "    <include file=\"" + fileName + "\" relativeToChangelogFile=\"true\"/>\n";
        Files.writeString(master, xml.substring(0, end) + line + xml.substring(end));
    }
}
