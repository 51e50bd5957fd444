package budgetron.db.liquibase;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the history table with the changelog before anything runs, so that the two ways a
 * history can disagree get a message naming the changeset and what to do, rather than Liquibase's
 * validation dump.
 */
public final class HistoryCheck {
    private final List<String> edited = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();

    public static HistoryCheck of(DatabaseChangeLog changelog, List<RanChangeSet> applied) {
        HistoryCheck check = new HistoryCheck();
        for (RanChangeSet ran : applied) {
            ChangeSet cs = changelog.getChangeSet(ran.getChangeLog(), ran.getAuthor(), ran.getId());
            if (cs == null) {
                check.unknown.add(ran.getChangeLog() + "::" + ran.getId() + "::" + ran.getAuthor());
            } else if (ran.getLastCheckSum() != null && !cs.shouldRunOnChange() && !cs.isCheckSumValid(ran.getLastCheckSum())) {
                check.edited.add("changeset " + ran.getId() + " in " + ran.getChangeLog());
            }
        }
        return check;
    }

    public boolean ok() {
        return edited.isEmpty() && unknown.isEmpty();
    }

    public List<String> edited() {
        return edited;
    }

    public List<String> unknown() {
        return unknown;
    }

    /** One message for both problems; empty when there are none. */
    public String message() {
        StringBuilder m = new StringBuilder();
        if (!edited.isEmpty()) {
            m.append(String.join(", ", edited)).append(edited.size() == 1 ? " was" : " were")
                    .append(" edited after being applied to this database (checksum mismatch). An applied changeset must not change: "
                            + "undo the edit and put the change in a new changeset instead.");
        }
        if (!unknown.isEmpty()) {
            if (m.length() > 0) {
                m.append(' ');
            }
            m.append("This database has changesets that this changelog does not know (").append(String.join(", ", unknown))
                    .append("): a newer release has migrated it. Refusing to go on with an older changelog: run the release that wrote them.");
        }
        return m.toString();
    }
}
