package budgetron.db.liquibase;

import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    public record Entry(String file, String id, String author, String checksum) {
    }

    /** From a parsed changelog: changesets Liquibase may run again, or filter, make the index unusable. */
    public static ChangelogIndex of(DatabaseChangeLog changelog, Map<String, String> fileHashes) {
        List<Entry> entries = new ArrayList<>();
        String unsupported = null;
        for (ChangeSet cs : changelog.getChangeSets()) {
            if (cs.isAlwaysRun() || cs.isRunOnChange()) {
                unsupported = "changeset " + cs.getId() + " is runAlways or runOnChange";
            } else if (!cs.getContextFilter().isEmpty() || !cs.getLabels().isEmpty() || (cs.getDbmsSet() != null && !cs.getDbmsSet().isEmpty())) {
                unsupported = "changeset " + cs.getId() + " has contexts, labels or dbms";
            }
            entries.add(new Entry(cs.getFilePath(), cs.getId(), cs.getAuthor(), cs.generateCheckSum(ChecksumVersion.latest()).toString()));
        }
        return new ChangelogIndex(fileHashes, entries, unsupported);
    }

    /** SHA-256 of every file under projectDir/changelog, by path relative to projectDir. */
    public static Map<String, String> hashFiles(Path projectDir) {
        Map<String, String> hashes = new TreeMap<>();
        Path dir = projectDir.resolve("changelog");
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    hashes.put(projectDir.relativize(p).toString().replace('\\', '/'), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }

    public String format() {
        StringBuilder out = new StringBuilder("# budgetron-db changelog index: what Liquibase computes from the changelog, computed ahead.\n");
        fileHashes.forEach((file, hash) -> out.append("file\t").append(file).append('\t').append(hash).append('\n'));
        for (Entry e : changesets) {
            out.append("changeset\t").append(e.file()).append('\t').append(e.id()).append('\t').append(e.author()).append('\t')
                    .append(e.checksum()).append('\n');
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
                case "changeset" -> entries.add(new Entry(f[1], f[2], f[3], f[4]));
                case "unsupported" -> unsupported = f[1];
                default -> { } // comments
            }
        }
        return new ChangelogIndex(files, entries, unsupported);
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
        Map<String, String> hashes = hashFiles(projectDir);
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
    public static void cache(DatabaseChangeLog parsed, Changelog changelog) {
        if (!changelog.fromProjectDir()) {
            return;
        }
        Path projectDir = changelog.projectDir();
        try {
            Path cache = projectDir.resolve(CACHE);
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, of(parsed, hashFiles(projectDir)).format());
        } catch (IOException | RuntimeException e) {
            // read-only checkout: the next start takes the full path again
        }
    }

    /** Build step (exec-maven-plugin, process-classes): writes the index of PROJECT_DIR's changelog to OUTPUT. */
    public static void main(String[] args) throws Exception {
        Path projectDir = Path.of(args[0]);
        Migrator.quietLiquibase();
        try (Migrator m = Migrator.offline(Changelog.in(projectDir))) {
            ChangelogIndex index = of(m.changelog(), hashFiles(projectDir));
            Path out = Path.of(args[1]);
            Files.createDirectories(out.getParent());
            Files.writeString(out, index.format());
            System.out.println("[budgetron] changelog index: " + index.changesets().size() + " changesets -> " + out
                    + (index.unsupported() == null ? "" : " (fast up-to-date check off: " + index.unsupported() + ")"));
        }
    }
}
