package budgetron.db.cli;

import budgetron.db.api.BudgetronDb;
import budgetron.db.config.Project;
import budgetron.db.session.Session;
import picocli.CommandLine.Mixin;

/** A command that works on a database: the shared options (--env, --db-url, --project-dir, --wait-seconds, --verbose). */
public abstract class DatabaseCommand extends BaseCommand {
    @Mixin
    protected DatabaseOptions db;

    /** The API on the project these options describe, its progress printed on stderr. */
    protected BudgetronDb api() {
        return db.api(err());
    }

    public Project project() {
        return db.project();
    }

    /** A session for the commands that work on it beyond the API's calls (studio, lint and review of pending changesets). */
    public Session session() {
        return api().openSession();
    }
}
