package budgetron.db.rehearse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a rehearsal found: the copy (where, how many rows, how long), each pending changeset
 * (duration, locks and how long each was held, tables rewritten, rows before and after, or why it
 * failed and which rows), the rollback (did it bring the schema and the rows back), the second
 * apply, and where the lint's reading and the measurement disagree. {@code ok}: every pending
 * changeset applied, rolled back to the same schema and applied again.
 */
public record RehearsalReport(String copy, Map<String, Long> rowsCopied, long copyMillis, long copyBytes, Long sample, List<String> notCopied,
                              int pending, List<Changeset> changesets, String failure, String rollbackError, List<String> rollbackDifferences,
                              List<String> rollbackRowDifferences, boolean rolledBack, String reapplyError, boolean reapplied,
                              List<String> lintDisagreements, List<String> backups) {

    /** Why a changeset failed: PostgreSQL's reason; {@code violating} the offending rows (-1: not counted); {@code example} one's key. */
    public record Failure(String message, String sqlState, String table, String column, String constraint, long violating, String example) {
    }

    public record Lock(String mode, String table, long heldMillis) {
    }

    public record Rows(String table, long before, long after) {
    }

    public record Changeset(String id, String file, long millis, List<Lock> locks, List<String> rewrote, List<Rows> rows,
                            Failure error) {
    }

    public boolean ok() {
        return failure == null && changesets.stream().allMatch(c -> c.error() == null)
                && (pending == 0 || rolledBack && rollbackError == null && rollbackDifferences.isEmpty() && reapplied && reapplyError == null);
    }

    public long rows() {
        return rowsCopied.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report as the command prints it. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Copy: " + rowsCopied.size() + " tables, " + String.format(Locale.ROOT, "%,d", rows()) + " rows" + (sample == null ? "" : " (a sample: at most "
                + sample + " a table)") + ", " + mib(copyBytes) + " in " + seconds(copyMillis) + " (" + copy + ", dropped afterwards)");
        if (!notCopied.isEmpty()) {
            out.add("  not copied: " + String.join(", ", notCopied));
        }
        if (pending == 0) {
            out.add("Nothing pending: nothing to rehearse.");
            return out;
        }
        out.add(pending + " pending changeset" + (pending == 1 ? "" : "s") + ", applied to the copy as migrate would:");
        for (Changeset c : changesets) {
            out.add("  " + c.id() + "  " + (c.error() == null ? "ok" : "FAILED") + " in " + c.millis() + " ms  (" + c.file() + ")");
            for (Lock l : c.locks()) {
                out.add("    lock " + l.mode() + " on " + l.table() + ", held " + l.heldMillis() + " ms");
            }
            if (!c.rewrote().isEmpty()) {
                out.add("    rewrote " + String.join(", ", c.rewrote()));
            }
            for (Rows r : c.rows()) {
                out.add("    rows of " + r.table() + ": " + r.before() + " → " + (r.after() < 0 ? "(gone)" : r.after()));
            }
            if (c.error() != null) {
                Failure f = c.error();
                out.add("    why: " + f.message());
                if (f.violating() >= 0) {
                    out.add("    " + f.violating() + " " + (f.sqlState() != null && f.sqlState().equals("23505") ? "duplicated values" : "rows")
                            + " of " + f.table() + " break it" + (f.example() == null ? "" : ", for example " + f.example()));
                }
            }
        }
        backups.forEach(b -> out.add("  " + b));
        if (failure != null) {
            String failed = changesets.stream().filter(c -> c.error() != null).map(Changeset::id).findFirst().orElse("a changeset");
            out.add("Stopped at " + failed + ": the changesets after it were not tried, nothing was rolled back (the copy is dropped).");
        } else {
            if (rollbackError != null) {
                out.add("Rollback FAILED: " + rollbackError);
            } else if (!rollbackDifferences.isEmpty()) {
                out.add("Rollback ran but did not restore the schema: " + String.join("; ", rollbackDifferences));
            } else {
                out.add("Rollback: the schema is back as it was" + (rollbackRowDifferences.isEmpty() ? ", and every table's row count"
                        : "; rows differ: " + String.join("; ", rollbackRowDifferences)));
            }
            if (rolledBack && rollbackError == null) {
                out.add(reapplyError == null ? "Applied again: ok" : "Applying again FAILED: " + reapplyError);
            }
        }
        lintDisagreements.forEach(d -> out.add("Lint and measurement disagree: " + d));
        out.add(ok() ? "Rehearsal passed: migrate should apply these changesets to the real database. Nothing was written to it."
                : "Rehearsal FAILED: fix what is named above before migrate. Nothing was written to the real database.");
        return out;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static final class Builder {
        private final String copy;
        private final List<String> notCopied = new ArrayList<>();
        private final List<Changeset> changesets = new ArrayList<>();
        private Map<String, Long> rows = new LinkedHashMap<>();
        private long copyMillis;
        private long copyBytes;
        private Long sample;
        private int pending;
        private String failure;
        private String rollbackError;
        private List<String> rollbackDifferences = List.of();
        private List<String> rollbackRows = List.of();
        private boolean rolledBack;
        private String reapplyError;
        private boolean reapplied;
        private List<String> lint = List.of();
        private List<String> backups = List.of();

        Builder(String copy) {
            this.copy = copy;
        }

        void notCopied(List<String> what) {
            notCopied.addAll(what);
        }

        void copied(Map<String, Long> rows, long millis, long bytes, Long sample) {
            this.rows = rows;
            this.copyMillis = millis;
            this.copyBytes = bytes;
            this.sample = sample;
        }

        long copyMillis() {
            return copyMillis;
        }

        void pending(int n) {
            pending = n;
        }

        void changeset(Probe.Run run, Failure error) {
            List<Lock> locks = new ArrayList<>();
            run.locks.forEach((k, seen) -> locks.add(new Lock(mode(k.substring(0, k.indexOf(' '))), k.substring(k.indexOf(' ') + 1),
                    Math.max(1, (seen[1] - seen[0]) / 1_000_000))));
            locks.sort(Comparator.comparing(Lock::table).thenComparing(Lock::mode));
            List<Rows> counts = new ArrayList<>();
            run.rows.forEach((t, n) -> counts.add(new Rows(t, n[0], n[1])));
            changesets.add(new Changeset(run.id, run.file, run.millis, locks, List.copyOf(run.rewrote), counts, error));
        }

        List<Changeset> changesets() {
            return changesets;
        }

        void failed(String why) {
            failure = why;
        }

        void rollback(String error, List<String> differences, List<String> rowDifferences) {
            rolledBack = true;
            rollbackError = error;
            rollbackDifferences = differences;
            rollbackRows = rowDifferences;
        }

        void reapplied(String error) {
            reapplied = true;
            reapplyError = error;
        }

        void lint(List<String> disagreements) {
            lint = disagreements;
        }

        void backups(List<String> lines) {
            backups = lines;
        }

        RehearsalReport build() {
            return new RehearsalReport(copy, rows, copyMillis, copyBytes, sample, List.copyOf(notCopied), pending, List.copyOf(changesets), failure,
                    rollbackError, rollbackDifferences, rollbackRows, rolledBack, reapplyError, reapplied, lint, backups);
        }

        /** AccessExclusiveLock → ACCESS EXCLUSIVE, as the documentation names the modes. */
        private static String mode(String lock) {
            return lock.replaceFirst("Lock$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        }
    }
}
