package budgetron.db.cli.check;

import budgetron.db.cli.check.ChangelogFolder.Changeset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can go wrong when branches add changesets in parallel, found from the files alone: the
 * checks `budgetron-db check` runs, in the spirit of drizzle-kit check and Atlas's sum file.
 */
public final class ChangelogCheck {
    private ChangelogCheck() {
    }

    /** Checks of one folder: numbering, includes, duplicate ids, unreadable files. */
    public static List<Problem> structure(ChangelogFolder folder) {
        List<Problem> problems = new ArrayList<>();
        folder.unreadable().forEach((file, why) -> problems.add(new Problem(file, null, "Liquibase cannot parse it: " + why + ".",
                "Fix the file (budgetron-db validate shows the whole error).")));
        Map<Integer, String> byNumber = new HashMap<>();
        for (String file : folder.files()) {
            int n = ChangelogFolder.number(file);
            if (n >= 0 && byNumber.containsKey(n)) {
                problems.add(new Problem(file, null, "has the same number as " + byNumber.get(n) + ", so the numbering no longer tells the order.",
                        "Renumber this branch's files after the main branch's last: budgetron-db check --against origin/main --fix."));
            }
            byNumber.putIfAbsent(n, file);
            if (!folder.includes().contains(file)) {
                problems.add(new Problem(file, null, "is in changelog/ but " + ChangelogFolder.MASTER + " does not include it, so it never runs.",
                        "Add <include file=\"" + file.substring("changelog/".length()) + "\" relativeToChangelogFile=\"true\"/> at its place, or delete the file."));
            }
        }
        Set<String> seenIncludes = new HashSet<>();
        int last = -1;
        String lastFile = null;
        for (String include : folder.includes()) {
            if (!seenIncludes.add(include)) {
                problems.add(new Problem(include, null, "is included twice by " + ChangelogFolder.MASTER + ".", "Remove one of the include lines."));
            }
            if (!folder.files().contains(include)) {
                problems.add(new Problem(include, null, "is included by " + ChangelogFolder.MASTER + " but does not exist.",
                        "Restore the file (git checkout) or remove its include line."));
            }
            int n = ChangelogFolder.number(include);
            if (n >= 0 && n < last) {
                problems.add(new Problem(include, null, "is included after " + lastFile + ", out of numeric order.",
                        "Order the include lines by number (or renumber with check --against REF --fix)."));
            }
            if (n > last) {
                last = n;
                lastFile = include;
            }
        }
        Map<String, Changeset> byId = new HashMap<>();
        for (List<Changeset> list : folder.changesets().values()) {
            for (Changeset cs : list) {
                Changeset other = byId.putIfAbsent(cs.id(), cs);
                if (other != null) {
                    problems.add(new Problem(cs.file(), cs.id(), "has the same changeset id as one in " + other.file() + ".",
                            "Give one of them a new id (ids are NNNN_name-k after their file)."));
                }
            }
        }
        return problems;
    }

    /** Checks against the released branch: its changesets unchanged, in place, and new ones after them. */
    public static List<Problem> against(ChangelogFolder head, ChangelogFolder base, String ref) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Changeset> now = new HashMap<>();
        head.changesets().values().forEach(list -> list.forEach(cs -> now.put(cs.key(), cs)));
        for (List<Changeset> list : base.changesets().values()) {
            for (Changeset was : list) {
                Changeset is = now.get(was.key());
                if (is == null) {
                    problems.add(new Problem(was.file(), was.id(), "exists in " + ref + " but was removed here; databases that applied it keep it.",
                            "Restore it (git checkout " + ref + " -- " + was.file() + "); undo it with a new changeset instead."));
                } else if (!is.file().equals(was.file())) {
                    problems.add(new Problem(is.file(), is.id(), "was moved from " + was.file() + " (in " + ref
                            + "); Liquibase records the file, so databases would run it again.", "Move it back to " + was.file() + "."));
                } else if (!is.checksum().equals(was.checksum())) {
                    problems.add(new Problem(is.file(), is.id(), "was edited since " + ref + " (checksum " + was.checksum() + " -> "
                            + is.checksum() + "); databases that applied it will refuse to migrate.",
                            "Undo the edit (git checkout " + ref + " -- " + is.file() + ") and make the change in a new changeset."));
                }
            }
        }
        Set<String> released = new HashSet<>();
        base.changesets().values().forEach(list -> list.forEach(cs -> released.add(cs.key())));
        List<Changeset> order = head.inOrder();
        int lastReleased = -1;
        for (int i = 0; i < order.size(); i++) {
            if (released.contains(order.get(i).key())) {
                lastReleased = i;
            }
        }
        for (int i = 0; i < lastReleased; i++) {
            Changeset cs = order.get(i);
            if (!released.contains(cs.key())) {
                problems.add(new Problem(cs.file(), cs.id(), "is new but runs before " + order.get(lastReleased).id()
                        + ", which " + ref + " already has; databases migrated from " + ref + " would run it out of order.",
                        "Move it after " + ref + "'s changesets: budgetron-db check --against " + ref + " --fix."));
            }
        }
        return problems;
    }
}
