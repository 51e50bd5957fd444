package budgetron.db.operation;

import budgetron.db.config.ConfigException;
import budgetron.db.drizzle.DrizzleAdoption;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;

/** Takes over a database that Drizzle built: records what Drizzle applied, without running it. Migrate does it by itself. */
public final class Adopt {
    /** @param alreadyAdopted the database had a Liquibase history: nothing done; plan is null then */
    public record Result(DrizzleAdoption.Plan plan, boolean recorded, boolean alreadyAdopted) {
    }

    private Adopt() {
    }

    public static Result run(Session session, boolean dryRun) throws Exception {
        try (AdvisoryLock lock = session.lock()) {
            if (DrizzleAdoption.drizzleTable(session.connection()) == null) {
                throw new ConfigException("This database has no __drizzle_migrations table: Drizzle did not build it, so there is nothing "
                        + "to adopt. Use `budgetron-db migrate`.");
            }
            if (DrizzleAdoption.hasLiquibaseHistory(session.connection())) {
                return new Result(null, false, true);
            }
            if (!dryRun) {
                return new Result(Migrate.adopt(session), true, false);
            }
            try (ScratchDatabase scratch = session.scratch()) {
                DrizzleAdoption.Plan plan = DrizzleAdoption.plan(session.connection(), scratch, session.changelog());
                if (!plan.ok()) {
                    throw new ConfigException(plan.describe());
                }
                return new Result(plan, false, false);
            }
        }
    }
}
