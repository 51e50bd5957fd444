package budgetron.db.operation;

import budgetron.db.backup.Backups;
import budgetron.db.config.ConfigException;
import budgetron.db.drizzle.DrizzleAdoption;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.FreshRun;
import budgetron.db.liquibase.Migrator;
import budgetron.db.release.Contracts;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;

import java.util.List;

/**
 * Every pending changeset, each with its history row in one transaction, under the migration lock;
 * a database that Drizzle built is adopted first; a new, empty one gets the build's statements
 * without Liquibase (FreshRun). The same for the CLI, the container, the application's start and
 * the API.
 */
public final class Migrate {
    /**
     * @param adopted the adoption of a Drizzle-built database done first, or null
     * @param applied the changesets that ran, in order (empty when the database was up to date)
     * @param backups what was backed up before destructive changesets, and the copies pruned, one line each
     * @param waiting the contracts of zero-downtime releases that wait for an older release to disconnect, one line each
     */
    public record Result(DrizzleAdoption.Plan adopted, List<ChangesetRef> applied, List<String> backups, List<String> waiting) {
        public Result(DrizzleAdoption.Plan adopted, List<ChangesetRef> applied) {
            this(adopted, applied, List.of(), List.of());
        }

        public boolean wasUpToDate() {
            return adopted == null && applied.isEmpty();
        }
    }

    private Migrate() {
    }

    public static Result run(Session session) throws Exception {
        // every container start: one query, no Liquibase, no lock, when nothing is pending
        if (session.upToDate()) {
            return new Result(null, List.of());
        }
        try (AdvisoryLock lock = session.lock()) {
            // a new, empty database: the build's statements without Liquibase (what it cannot take, Liquibase goes on with)
            List<ChangesetRef> fresh = List.of();
            FreshRun.Outcome outcome = session.liquibaseStarted() ? null
                    : FreshRun.apply(session.connection(), session.index(), session.project().backups() ? Backups::needed : null);
            if (outcome != null) {
                fresh = outcome.applied().stream().map(ChangesetRef::of).toList();
                if (outcome.complete()) {
                    return new Result(null, fresh);
                }
            }
            Migrator migrator = session.migrator();
            DrizzleAdoption.Plan adopted = null;
            if (session.drizzleOnly()) {
                if (!session.project().adoptDrizzle()) {
                    throw new ConfigException("This database was built by Drizzle and has no Liquibase history yet, and adopt-drizzle is "
                            + "false (" + session.project().describe().stream().filter(l -> l.startsWith("adopt-drizzle")).findFirst().orElse("")
                            + "): migrate would record what Drizzle applied and go on; allow it, or adopt it with `budgetron-db adopt`.");
                }
                adopted = adopt(session);
            }
            session.requireHistoryMatches();
            ChangelogIndex.cache(migrator.changelog(), migrator.database(), session.changelog());
            List<ChangesetRef> ran = new java.util.ArrayList<>(fresh);
            migrator.update().stream().map(ChangesetRef::of).forEach(ran::add);
            List<String> backups = new java.util.ArrayList<>(session.backupLog());
            if (!ran.isEmpty()) {
                for (Backups.Entry old : Backups.prune(session.connection(), session.project().backupRetention())) {
                    backups.add("Pruned the backup " + old.backupTable() + " of " + old.changesetId() + " (older than backup-retention)");
                    session.progress().say(backups.get(backups.size() - 1));
                }
                if (!session.connection().getAutoCommit()) {
                    session.connection().commit();
                }
            }
            // a contract skipped by its precondition stays pending: say which release it waits for
            List<String> waiting = Contracts.waiting(session.connection(), migrator.pending()).stream()
                    .filter(w -> !w.holders().isEmpty()).map(Contracts.Waiting::describe).toList();
            waiting.forEach(w -> session.progress().say(w + " It runs at a later migrate (or budgetron-db contract --wait) once they are gone."));
            return new Result(adopted, List.copyOf(ran), backups, waiting);
        }
    }

    /** Records what Drizzle applied, after checking the schema is the state Drizzle says (Adopt, without the lock it holds already). */
    static DrizzleAdoption.Plan adopt(Session session) throws Exception {
        DrizzleAdoption.Plan plan;
        try (ScratchDatabase scratch = session.scratch()) {
            plan = DrizzleAdoption.plan(session.connection(), scratch, session.changelog());
        }
        if (!plan.ok()) {
            throw new ConfigException(plan.describe());
        }
        DrizzleAdoption.record(session.migrator(), plan);
        return plan;
    }
}
