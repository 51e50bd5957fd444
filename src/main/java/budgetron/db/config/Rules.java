package budgetron.db.config;

/**
 * The rules that differ between production and development, decided here for every door: the CLI,
 * the Maven goals, the container and an application all ask these, never their own copy.
 * <ul>
 * <li>Development without DB_URL uses the embedded development database; production never does.</li>
 * <li>push is refused in production.</li>
 * <li>Rewriting history in production (rollback, patch, dropping everything) needs an explicit
 * confirmation: --yes on the command line, -Dbudgetron.yes=true for Maven, a flag in the API.</li>
 * </ul>
 */
public final class Rules {
    /** The system property that confirms a destructive Maven goal in production. */
    public static final String CONFIRM_PROPERTY = "budgetron.yes";

    private Rules() {
    }

    public static boolean embeddedDatabase(Project project) {
        return !project.hasDbUrl() && !project.environment().isProduction();
    }

    public static void pushAllowed(Environment environment) {
        if (environment.isProduction()) {
            throw new ConfigException("push is for development only and is refused in production: write a changeset with "
                    + "`budgetron-db generate` (or mvn liquibase:diff) and apply it with migrate, or pass --env development.");
        }
    }

    /** Refuses {@code what} in production unless confirmed; says how to confirm on each path. */
    public static void confirmed(Environment environment, boolean confirmed, String what) {
        if (environment.isProduction() && !confirmed) {
            throw new ConfigException(what + " in production needs confirmation: once you have reviewed it, run it again with --yes "
                    + "(budgetron-db) or -D" + CONFIRM_PROPERTY + "=true (mvn liquibase:…).");
        }
    }

    /** What the Maven goals were confirmed with. */
    public static boolean confirmedBySystemProperty() {
        return Boolean.getBoolean(CONFIRM_PROPERTY);
    }
}
