package budgetron.db.command;

import budgetron.db.config.ConfigException;
import budgetron.db.liquibase.HistoryCheck;
import budgetron.db.liquibase.Migrator;

/** The refusals shared by several commands. */
final class Guards {
    private Guards() {
    }

    /** Destructive or history-rewriting work needs --yes in production. */
    static void confirmedInProduction(Target target, boolean yes, String what) {
        if (target.environment().isProduction() && !yes) {
            throw new ConfigException(what + " in production needs confirmation: run it again with --yes once you have reviewed it.");
        }
    }

    /** A database Drizzle built that Liquibase has not taken over yet (adopt, or migrate, does that). */
    static boolean drizzleOnly(Target target) throws java.sql.SQLException {
        return budgetron.db.drizzle.DrizzleAdoption.drizzleTable(target.connection()) != null
                && !budgetron.db.drizzle.DrizzleAdoption.hasLiquibaseHistory(target.connection());
    }

    /** Refuses when an applied changeset was edited or the database holds changesets from a newer release. */
    static void historyMatches(Migrator migrator) throws Exception {
        HistoryCheck check = HistoryCheck.of(migrator.changelog(), migrator.applied());
        if (!check.ok()) {
            throw new ConfigException(check.message());
        }
    }
}
