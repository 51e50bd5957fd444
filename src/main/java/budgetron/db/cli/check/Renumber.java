package budgetron.db.cli.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * check --fix: this branch's new changelog files are renumbered after the last file of the released
 * ref, in include order — the files, the changeset ids that carry their number, and the include
 * lines, which move after the released ones. Nothing that exists in the ref is touched.
 */
public final class Renumber {
    public record Rename(String from, String to) {
    }

    private static final Pattern INCLUDE_LINE = Pattern.compile("<include\\s[^>]*file=\"([^\"]+)\"");

    private Renumber() {
    }

    public static List<Rename> apply(ChangelogFolder head, ChangelogFolder base) throws IOException {
        Set<String> released = new HashSet<>(base.files());
        int last = base.files().stream().mapToInt(ChangelogFolder::number).max().orElse(-1);
        Map<String, String> renames = new LinkedHashMap<>();
        for (String include : head.includes()) {
            if (!released.contains(include) && head.files().contains(include) && ChangelogFolder.number(include) >= 0) {
                String name = include.substring("changelog/".length());
                String renamed = String.format("%04d", ++last) + name.substring(name.indexOf('_'));
                if (!renamed.equals(name)) {
                    renames.put(include, "changelog/" + renamed);
                }
            }
        }
        Path dir = head.projectDir();
        for (String target : renames.values()) {
            if (Files.exists(dir.resolve(target)) && !renames.containsKey(target)) {
                throw new IllegalStateException("Cannot renumber: " + target + " exists already. Rename it by hand.");
            }
        }
        // two steps, so that a file may take the number another one gives up
        Map<Path, Path> moving = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : renames.entrySet()) {
            Path from = dir.resolve(e.getKey());
            Path temp = from.resolveSibling(from.getFileName() + ".renumbering");
            String oldPrefix = from.getFileName().toString().substring(0, from.getFileName().toString().indexOf('_') + 1);
            String newPrefix = Path.of(e.getValue()).getFileName().toString();
            newPrefix = newPrefix.substring(0, newPrefix.indexOf('_') + 1);
            Files.writeString(temp, renameIds(Files.readString(from), oldPrefix, newPrefix));
            Files.delete(from);
            moving.put(temp, dir.resolve(e.getValue()));
        }
        for (Map.Entry<Path, Path> e : moving.entrySet()) {
            Files.move(e.getKey(), e.getValue());
        }
        rewriteMaster(dir.resolve(ChangelogFolder.MASTER), released, renames);
        List<Rename> out = new ArrayList<>();
        renames.forEach((from, to) -> out.add(new Rename(from, to)));
        return out;
    }

    /** Changeset ids that start with the file's number: formatted SQL (--changeset author:ID) and XML (id="ID"). */
    static String renameIds(String text, String oldPrefix, String newPrefix) {
        String q = Pattern.quote(oldPrefix);
        String r = Matcher.quoteReplacement(newPrefix);
        return text.replaceAll("(?m)^(--changeset\\s+[^:\\s]+:)" + q, "$1" + r)
                .replaceAll("(<changeSet\\b[^>]*\\bid=\")" + q, "$1" + r);
    }

    /** Include lines renamed; the released ones keep their places and the new ones follow them, in their order. */
    static void rewriteMaster(Path master, Set<String> released, Map<String, String> renames) throws IOException {
        List<String> lines = new ArrayList<>(List.of(Files.readString(master).split("\n", -1)));
        List<Integer> slots = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = INCLUDE_LINE.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            slots.add(i);
            String line = lines.get(i);
            String file = "changelog/" + m.group(1);
            boolean isReleased = released.contains(file) || released.contains(m.group(1));
            String renamed = renames.get(file);
            if (renamed != null) {
                line = line.replace("file=\"" + m.group(1) + "\"", "file=\"" + renamed.substring("changelog/".length()) + "\"");
            }
            (isReleased ? kept : added).add(line);
        }
        kept.addAll(added);
        for (int i = 0; i < slots.size(); i++) {
            lines.set(slots.get(i), kept.get(i));
        }
        Files.writeString(master, String.join("\n", lines));
    }
}
