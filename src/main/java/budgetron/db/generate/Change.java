package budgetron.db.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One logical schema change: becomes one changeset. {@code warning} says what a DBA must know
 * (data lost, a rollback that cannot restore data); it goes into the changeset's comment.
 * {@code transactional} false: the changeset runs outside a transaction (CREATE INDEX CONCURRENTLY).
 * {@code accepts}: lint rules this change knowingly breaks, each "RULE reason", written as
 * `-- lint:accept` lines so that the review shows the choice and why. {@code checks}: what the
 * existing data must satisfy for the change (and the steps after it) to succeed, written as the
 * changeset's preconditions, so that migrate stops before the first step with the count of
 * offending rows rather than half-way through.
 */
public record Change(String title, List<String> sql, List<String> rollback, String warning, boolean transactional, List<String> accepts,
                     String why, List<DataCheck> checks, boolean isContract, String backupOff) {
    public Change(String title, List<String> sql, List<String> rollback, String warning, boolean transactional, List<String> accepts,
                  String why, List<DataCheck> checks) {
        this(title, sql, rollback, warning, transactional, accepts, why, checks, false, null);
    }

    public Change(String title, List<String> sql, List<String> rollback, String warning, boolean transactional, List<String> accepts,
                  String why) {
        this(title, sql, rollback, warning, transactional, accepts, why, List.of());
    }

    public Change(String title, List<String> sql, List<String> rollback) {
        this(title, sql, rollback, null);
    }

    public Change(String title, List<String> sql, List<String> rollback, String warning) {
        this(title, sql, rollback, warning, true, List.of(), null);
    }

    public Change(String title, List<String> sql, List<String> rollback, String warning, boolean transactional, List<String> accepts) {
        this(title, sql, rollback, warning, transactional, accepts, null);
    }

    /**
     * The same change as the contract of a zero-downtime release: written last, with a precondition
     * that skips it while connections of an older release are open (ExpandContract).
     */
    public Change contract() {
        return new Change(title, sql, rollback, warning, transactional, accepts, why, checks, true, backupOff);
    }

    /** The same change, migrate told not to back up what it drops (`-- backup:off REASON`), because nothing is lost. */
    public Change withoutBackup(String reason) {
        return new Change(title, sql, rollback, warning, transactional, accepts, why, checks, isContract, reason);
    }

    /** The same change, its comment saying why it is done this way (split in steps, built concurrently…). */
    public Change because(String reason) {
        return new Change(title, sql, rollback, warning, transactional, accepts, reason, checks, isContract, backupOff);
    }

    public boolean destructive() {
        return warning != null;
    }

    public Change accepting(String rule, String reason) {
        List<String> all = new ArrayList<>(accepts);
        all.add(rule + " " + reason);
        return new Change(title, sql, rollback, warning, transactional, all, why, checks, isContract, backupOff);
    }

    /** The same change without the lint acceptances of these rules: the review must decide them. */
    public Change withoutAccepting(java.util.Set<String> rules) {
        List<String> kept = accepts.stream().filter(a -> !rules.contains(a.split(" ", 2)[0])).toList();
        return new Change(title, sql, rollback, warning, transactional, kept, why, checks, isContract, backupOff);
    }

    public Change outsideTransaction() {
        return new Change(title, sql, rollback, warning, false, accepts, why, checks, isContract, backupOff);
    }

    public Change withSql(List<String> newSql, List<String> newRollback) {
        return new Change(title, newSql, newRollback, warning, transactional, accepts, why, checks, isContract, backupOff);
    }

    /** The same change, checking the data first (its preconditions). */
    public Change checking(List<DataCheck> more) {
        List<DataCheck> all = new ArrayList<>(checks);
        all.addAll(more);
        return new Change(title, sql, rollback, warning, transactional, accepts, why, all, isContract, backupOff);
    }
}
