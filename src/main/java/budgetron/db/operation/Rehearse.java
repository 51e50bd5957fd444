package budgetron.db.operation;

import budgetron.db.config.DbUrl;
import budgetron.db.rehearse.Rehearsal;
import budgetron.db.rehearse.RehearsalReport;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;

/**
 * The pending changesets tried on a copy of the session's database (same server, or {@code into}'s),
 * with the backup setting migrate would use there. Reads the database in one read-only snapshot; takes
 * no lock, writes nothing to it. Production needs no confirmation: nothing there changes.
 */
public final class Rehearse {
    private Rehearse() {
    }

    public static RehearsalReport run(Session session, Long sample, DbUrl into) throws Exception {
        try (ScratchDatabase scratch = into != null ? ScratchDatabase.on(into) : session.scratch()) {
            return Rehearsal.run(session.connection(), scratch, session.changelog(),
                    new Rehearsal.Options(sample, into, session.project().backups()), session.progress());
        }
    }
}
