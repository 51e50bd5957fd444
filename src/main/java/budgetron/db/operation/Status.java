package budgetron.db.operation;

import budgetron.db.liquibase.Migrator;
import budgetron.db.session.Session;

import java.util.List;

/** The changesets not applied yet. Changes nothing. */
public final class Status {
    /** @param drizzleOnly built by Drizzle and not adopted yet: applied and pending say nothing then */
    public record Result(int applied, List<ChangesetRef> pending, boolean drizzleOnly) {
        public boolean upToDate() {
            return !drizzleOnly && pending.isEmpty();
        }
    }

    private Status() {
    }

    public static Result run(Session session) throws Exception {
        if (session.drizzleOnly()) {
            return new Result(0, List.of(), true);
        }
        // up to date by the one-query check: the answer without parsing the whole changelog (long histories)
        if (session.upToDate()) {
            return new Result(session.index().changesets().size(), List.of(), false);
        }
        Migrator migrator = session.migrator();
        session.requireHistoryMatches();
        return new Result(migrator.applied().size(), migrator.pending().stream().map(ChangesetRef::of).toList(), false);
    }
}
