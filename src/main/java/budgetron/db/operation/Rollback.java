package budgetron.db.operation;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Rules;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.Migrator;
import budgetron.db.session.Session;
import liquibase.changelog.RanChangeSet;

import java.util.Date;
import java.util.List;

/** Undoes applied changesets, newest first, with their rollbacks. Production needs confirmation (Rules). */
public final class Rollback {
    /** How far back: the last N changesets, everything after a tag, or everything after a date. */
    public record To(Integer count, String tag, Date date) {
        public static To count(int n) {
            if (n < 1) {
                throw new ConfigException("--count must be 1 or more.");
            }
            return new To(n, null, null);
        }

        public static To tag(String tag) {
            return new To(null, tag, null);
        }

        public static To date(Date date) {
            return new To(null, null, date);
        }
    }

    /** @param restored what the rollbacks put back from backups, one line each */
    public record Result(List<ChangesetRef> undone, List<String> restored) {
    }

    private Rollback() {
    }

    public static Result run(Session session, To to, boolean confirmed) throws Exception {
        Rules.confirmed(session.environment(), confirmed, "Rollback");
        try (AdvisoryLock lock = session.lock()) {
            Migrator migrator = session.migrator();
            session.requireHistoryMatches();
            List<RanChangeSet> before = migrator.applied();
            if (to.count() != null) {
                migrator.rollbackCount(to.count());
            } else if (to.tag() != null) {
                if (before.stream().noneMatch(r -> to.tag().equals(r.getTag()))) {
                    throw new ConfigException("No tag '" + to.tag() + "' in this database's history: `budgetron-db history` lists the tags.");
                }
                migrator.rollbackToTag(to.tag());
            } else {
                migrator.rollbackToDate(to.date());
            }
            List<RanChangeSet> after = migrator.applied();
            List<ChangesetRef> undone = before.stream().filter(r -> after.stream()
                    .noneMatch(a -> a.getId().equals(r.getId()) && a.getChangeLog().equals(r.getChangeLog()))).map(ChangesetRef::of).toList();
            return new Result(undone, session.backupLog());
        }
    }
}
