package budgetron.db.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of every file under a checkout's changelog/, which tells whether a precomputed index
 * still describes it. Reading and hashing a thousand files is most of what an up-to-date migrate
 * pays for a long history, so the hashes are remembered in .budgetron/changelog-files.tsv with
 * each file's size and modification time, and a file is read again only when either changed (as
 * git's index does). A file modified less than two seconds before the list was written is not
 * trusted by its time (a second edit within the same clock tick would look unchanged): it is read
 * again next time.
 */
final class FileHashes {
    static final Path CACHE = Path.of(".budgetron", "changelog-files.tsv");
    private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Stat(long size, long modifiedNanos) {
    }

    private record Known(Stat stat, String sha) {
    }

    private FileHashes() {
    }

    /** By path relative to projectDir, every file read (the build step). */
    static Map<String, String> read(Path projectDir) {
        return walk(projectDir, Map.of(), new HashMap<>(), new int[1]);
    }

    /** The same, reusing the remembered hash of each file whose size and time did not change. */
    static Map<String, String> remembered(Path projectDir) {
        Path cache = projectDir.resolve(CACHE);
        Map<String, Known> trusted = load(cache);
        Map<String, Stat> stats = new HashMap<>();
        int[] reused = new int[1];
        Map<String, String> hashes = walk(projectDir, trusted, stats, reused);
        if (reused[0] != hashes.size() || trusted.size() != hashes.size()) {
            remember(cache, hashes, stats);
        }
        return hashes;
    }

    private static Map<String, String> walk(Path projectDir, Map<String, Known> trusted, Map<String, Stat> stats, int[] reused) {
        Map<String, String> hashes = new TreeMap<>();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // walkFileTree hands over each file's attributes from its own stat: one system call per file
            Files.walkFileTree(projectDir.resolve("changelog"), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        String rel = projectDir.relativize(file).toString().replace('\\', '/');
                        Stat stat = new Stat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                        stats.put(rel, stat);
                        Known known = trusted.get(rel);
                        // fields compared by hand: a record's equals links a method handle at its first call (~5 ms at start)
                        if (known != null && known.stat().size() == stat.size() && known.stat().modifiedNanos() == stat.modifiedNanos()) {
                            hashes.put(rel, known.sha());
                            reused[0]++;
                        } else {
                            hashes.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }

    /** The remembered hashes that may be trusted by size and time; none when there is no list or it cannot be read. */
    private static Map<String, Known> load(Path cache) {
        Map<String, Known> trusted = new HashMap<>();
        if (!Files.isRegularFile(cache)) {
            return trusted;
        }
        try {
            long written = Long.MIN_VALUE;
            for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f[0].equals("written") && f.length == 2) {
                    written = Long.parseLong(f[1]);
                } else if (f[0].equals("file") && f.length == 5 && Long.parseLong(f[3]) < written - RACY_NANOS) {
                    trusted.put(f[1], new Known(new Stat(Long.parseLong(f[2]), Long.parseLong(f[3])), f[4]));
                }
            }
        } catch (IOException | RuntimeException e) {
            trusted.clear();
        }
        return trusted;
    }

    private static void remember(Path cache, Map<String, String> hashes, Map<String, Stat> stats) {
        StringBuilder out = new StringBuilder("# budgetron-db: each changelog file's SHA-256 by its size and time, so that unchanged files are not read again\n");
        // the time written, on the files' clock (nanoseconds since the epoch), before which a file's time is trusted
        out.append("written\t").append(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())).append('\n');
        hashes.forEach((path, hash) -> {
            Stat s = stats.get(path);
            out.append("file\t").append(path).append('\t').append(s.size()).append('\t').append(s.modifiedNanos()).append('\t').append(hash).append('\n');
        });
        try {
            Files.createDirectories(cache.getParent());
            Path tmp = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(tmp, out);
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a read-only checkout: every start reads the files again, only slower
        }
    }
}
