package budgetron.db.operation;

import budgetron.db.config.Errors;
import budgetron.db.session.Session;

/** The changelog parses and the history matches it (no applied changeset edited, none unknown). Changes nothing. */
public final class Validate {
    /** @param error why not, in one sentence; null when valid */
    public record Result(boolean valid, String error) {
    }

    private Validate() {
    }

    public static Result run(Session session) {
        // every changeset applied with the checksum computed from these very files: valid, without Liquibase
        if (session.upToDate()) {
            return new Result(true, null);
        }
        try {
            session.requireHistoryMatches();
            session.requireSound(session.migrator().changelog().getChangeSets());
            session.migrator().validate();
            return new Result(true, null);
        } catch (Exception e) {
            return new Result(false, Errors.describe(e));
        }
    }
}
