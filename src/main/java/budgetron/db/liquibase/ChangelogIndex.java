package budgetron.db.liquibase;

import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.change.Change;
import liquibase.change.AbstractSQLChange;
import liquibase.database.Database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Liquibase would compute from the changelog, computed ahead: every changeset's id, author,
 * file and checksum, keyed by the SHA-256 of every file under changelog/. With it, `migrate` can
 * tell "up to date" from one query of the history, without starting Liquibase (see UpToDate).
 * Built into the jar at build time (mvn process-classes) for the packed changelog; for a checkout
 * whose changelog differs, cached in .budgetron/changelog-index.tsv after a full run.
 */
public record ChangelogIndex(Map<String, String> fileHashes, List<Entry> changesets, String unsupported) {
    public static final String RESOURCE = "/budgetron/changelog-index.tsv";
    public static final Path CACHE = Path.of(".budgetron", "changelog-index.tsv");

    /** @param direct what FreshRun may run for it without Liquibase, or null when only Liquibase may run it */
    public record Entry(String file, String id, String author, String checksum, Direct direct) {
        public Entry(String file, String id, String author, String checksum) {
            this(file, id, author, checksum, null);
        }
    }

    /**
     * A changeset as Liquibase would run and record it: the statements its SQL generators produce
     * for PostgreSQL (split as Liquibase splits them), and its history row's description and
     * comments as Liquibase writes them (cut to 250 characters, its way).
     */
    public record Direct(List<String> statements, String description, String comments) {
    }

    /**
     * From a parsed changelog: changesets Liquibase may run again, or filter, make the index unusable.
     * The database only generates the SQL of plain changesets (an offline one at build time).
     */
    public static ChangelogIndex of(DatabaseChangeLog changelog, Database database, Map<String, String> fileHashes) {
        List<Entry> entries = new ArrayList<>();
        String unsupported = null;
        for (ChangeSet cs : changelog.getChangeSets()) {
            if (cs.isAlwaysRun() || cs.isRunOnChange()) {
                unsupported = "changeset " + cs.getId() + " is runAlways or runOnChange";
            } else if (!cs.getContextFilter().isEmpty() || !cs.getLabels().isEmpty() || (cs.getDbmsSet() != null && !cs.getDbmsSet().isEmpty())) {
                unsupported = "changeset " + cs.getId() + " has contexts, labels or dbms";
            }
            entries.add(new Entry(cs.getFilePath(), cs.getId(), cs.getAuthor(), cs.generateCheckSum(ChecksumVersion.latest()).toString(),
                    direct(cs, database)));
        }
        return new ChangelogIndex(fileHashes, entries, unsupported);
    }

    /**
     * Only SQL that Liquibase runs unconditionally, in one transaction, as written: no precondition
     * (a generated data check is one), no runInTransaction:false, no failOnError:false, no modifySql,
     * no ${parameter} left for run time, one SQL change (a formatted SQL changeset is one: the backup
     * listener looks before each change, FreshRun once before the changeset). Anything else: null.
     */
    static Direct direct(ChangeSet cs, Database database) {
        if (cs.getPreconditions() != null && !cs.getPreconditions().getNestedPreconditions().isEmpty()
                || !cs.isRunInTransaction() || Boolean.FALSE.equals(cs.getFailOnError()) || !cs.getSqlVisitors().isEmpty()
                || cs.getChanges().size() != 1 || database == null) {
            return null;
        }
        List<String> statements = new ArrayList<>();
        try {
            for (Change change : cs.getChanges()) {
                if (!(change instanceof AbstractSQLChange)) {
                    return null;
                }
                for (String sql : Migrator.sql(change.generateStatements(database), database)) {
                    if (sql.contains("${")) {
                        return null;
                    }
                    statements.add(sql);
                }
            }
        } catch (RuntimeException e) {
            return null; // whatever Liquibase cannot generate offline, it runs itself
        }
        return new Direct(statements, limit(cs.getDescription()), limit(cs.getComments() == null ? "" : cs.getComments().trim()));
    }

    /** Liquibase's own cut for the history's description and comments columns (4.33 keeps 250 characters; FreshRunTest compares). */
    private static String limit(String value) {
        return value.length() > 250 ? value.substring(0, 247) + "..." : value;
    }

    /** Every changeset can be run without Liquibase (and the index is usable at all). */
    public boolean allDirect() {
        return unsupported == null && !changesets.isEmpty() && changesets.stream().allMatch(e -> e.direct() != null);
    }

    /** SHA-256 of every file under projectDir/changelog, by path relative to projectDir, each file read. */
    public static Map<String, String> hashFiles(Path projectDir) {
        return FileHashes.read(projectDir);
    }

    public String format() {
        StringBuilder out = new StringBuilder("# budgetron-db changelog index: what Liquibase computes from the changelog, computed ahead.\n");
        fileHashes.forEach((file, hash) -> out.append("file\t").append(file).append('\t').append(hash).append('\n'));
        for (Entry e : changesets) {
            out.append("changeset\t").append(e.file()).append('\t').append(e.id()).append('\t').append(e.author()).append('\t')
                    .append(e.checksum());
            if (e.direct() != null) {
                // SQL and comments hold tabs and line breaks: Base64, one field each
                out.append("\tdirect\t").append(b64(e.direct().description())).append('\t').append(b64(e.direct().comments())).append('\t')
                        .append(String.join(",", e.direct().statements().stream().map(ChangelogIndex::b64).toList()));
            }
            out.append('\n');
        }
        if (unsupported != null) {
            out.append("unsupported\t").append(unsupported).append('\n');
        }
        return out.toString();
    }

    public static ChangelogIndex parse(String text) {
        Map<String, String> files = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        String unsupported = null;
        for (String line : text.split("\n")) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "file" -> files.put(f[1], f[2]);
                case "changeset" -> entries.add(new Entry(f[1], f[2], f[3], f[4], f.length > 8 && f[5].equals("direct")
                        ? new Direct(java.util.Arrays.stream(f[8].split(",")).map(ChangelogIndex::unb64).toList(), unb64(f[6]), unb64(f[7]))
                        : null));
                case "unsupported" -> unsupported = f[1];
                default -> { } // comments
            }
        }
        return new ChangelogIndex(files, entries, unsupported);
    }

    private static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String field) {
        return new String(java.util.Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }

    public static ChangelogIndex bundled() {
        try (InputStream in = ChangelogIndex.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The index that describes the changelog migrate will read: the jar's when the changelog comes
     * from the jar or the checkout's files are the same, else the checkout's cache if it matches.
     */
    public static ChangelogIndex find(Changelog changelog) {
        ChangelogIndex bundled = bundled();
        if (!changelog.fromProjectDir()) {
            return bundled;
        }
        Path projectDir = changelog.projectDir();
        Map<String, String> hashes = FileHashes.remembered(projectDir);
        if (bundled != null && bundled.fileHashes().equals(hashes)) {
            return bundled;
        }
        try {
            Path cache = projectDir.resolve(CACHE);
            if (Files.isRegularFile(cache)) {
                ChangelogIndex cached = parse(Files.readString(cache));
                if (cached.fileHashes().equals(hashes)) {
                    return cached;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable cache is only a slower start
        }
        return null;
    }

    /** After a full run over a checkout's changelog: remember its index for the next start. Best effort. */
    public static void cache(DatabaseChangeLog parsed, Database database, Changelog changelog) {
        if (!changelog.fromProjectDir()) {
            return;
        }
        Path projectDir = changelog.projectDir();
        try {
            Path cache = projectDir.resolve(CACHE);
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, of(parsed, database, FileHashes.remembered(projectDir)).format());
        } catch (IOException | RuntimeException e) {
            // read-only checkout: the next start takes the full path again
        }
    }

    /** Build step (exec-maven-plugin, process-classes): writes the index of PROJECT_DIR's changelog to OUTPUT. */
    public static void main(String[] args) throws Exception {
        Path projectDir = Path.of(args[0]);
        Migrator.quietLiquibase();
        try (Migrator m = Migrator.offline(Changelog.in(projectDir))) {
            ChangelogIndex index = of(m.changelog(), m.database(), hashFiles(projectDir));
            Path out = Path.of(args[1]);
            Files.createDirectories(out.getParent());
            Files.writeString(out, index.format());
            System.out.println("[budgetron] changelog index: " + index.changesets().size() + " changesets -> " + out
                    + (index.unsupported() == null ? "" : " (fast up-to-date check off: " + index.unsupported() + ")")
                    + (index.allDirect() ? "" : " (a fresh database migrates through Liquibase: "
                    + index.changesets().stream().filter(e -> e.direct() == null).map(Entry::id).findFirst().orElse("-") + " needs it)"));
        }
    }
}
