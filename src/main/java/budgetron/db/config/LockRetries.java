package budgetron.db.config;

/**
 * lock-retries and lock-retry-wait as the properties file gives them, for the Liquibase executor
 * that retries (budgetron.db.liquibase.LockRetryExecutor). A plain holder, so that reading the
 * settings does not load Liquibase on the up-to-date path. -Dbudgetron.lock-retries and
 * -Dbudgetron.lock-retry-wait still win.
 */
public final class LockRetries {
    public static final String RETRIES = "budgetron.lock-retries";
    public static final String WAIT = "budgetron.lock-retry-wait";
    private static volatile Integer configuredRetries;
    private static volatile String configuredWait;
    private static volatile Progress progress = line -> {
        System.err.println(line);
        System.err.flush();
    };

    private LockRetries() {
    }

    /** The project's settings (Project already lets -D win over the file), for every Liquibase run that follows. */
    public static void use(Project project, Progress where) {
        configuredRetries = project.lockRetries();
        configuredWait = project.lockRetryWait();
        progress = where;
    }

    /** Where "retry N of M" goes: the session's progress (stderr for the CLI and Maven, the log for an application). */
    public static Progress progress() {
        return progress;
    }

    public static int retries() {
        return Integer.getInteger(RETRIES, configuredRetries == null ? 3 : configuredRetries);
    }

    public static long waitMillis() {
        String text = System.getProperty(WAIT, configuredWait == null ? "2s" : configuredWait).trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Long.parseLong(text.substring(0, text.length() - 2).trim());
            }
            return Math.round(Double.parseDouble(text.replaceAll("s$", "").trim()) * 1000);
        } catch (NumberFormatException e) {
            return 2000;
        }
    }
}
