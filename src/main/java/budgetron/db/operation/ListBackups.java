package budgetron.db.operation;

import budgetron.db.backup.Backups;
import budgetron.db.config.Rules;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.session.Session;

import java.util.List;

/** The copies migrations made of what they destroyed; with prune, those older than backup-retention dropped first (production: confirmed). */
public final class ListBackups {
    public record Result(List<Backups.Entry> kept, List<Backups.Entry> pruned) {
    }

    private ListBackups() {
    }

    public static Result run(Session session, boolean prune, boolean confirmed) throws Exception {
        List<Backups.Entry> pruned = List.of();
        if (prune) {
            Rules.confirmed(session.environment(), confirmed, "Pruning backups");
            try (AdvisoryLock lock = session.lock()) {
                pruned = Backups.prune(session.connection(), session.project().backupRetention());
                if (!session.connection().getAutoCommit()) {
                    session.connection().commit();
                }
            }
        }
        return new Result(Backups.list(session.connection()), pruned);
    }
}
