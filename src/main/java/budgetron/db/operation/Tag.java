package budgetron.db.operation;

import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.session.Session;

/** Tags the database's current state (its last applied changeset) as a point for rollback --tag. */
public final class Tag {
    private Tag() {
    }

    public static void run(Session session, String tag) throws Exception {
        try (AdvisoryLock lock = session.lock()) {
            session.migrator().tag(tag);
        }
    }
}
