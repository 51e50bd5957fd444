package budgetron.db.config;

import java.util.Locale;

/**
 * Budgetron's two environments and the files each one reads. Production is the default, as with
 * Budgetron's own scripts: development must be asked for (--env development, BUDGETRON_ENV, mvn -Pdev).
 */
public enum Environment {
    PRODUCTION(".env", "liquibase.properties"),
    DEVELOPMENT(".env.development", "liquibase.development.properties");

    private final String envFile;
    private final String propertiesFile;

    Environment(String envFile, String propertiesFile) {
        this.envFile = envFile;
        this.propertiesFile = propertiesFile;
    }

    public String envFile() {
        return envFile;
    }

    public String propertiesFile() {
        return propertiesFile;
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the names people type: production/prod, development/dev. */
    public static Environment parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "production":
            case "prod":
                return PRODUCTION;
            case "development":
            case "dev":
                return DEVELOPMENT;
            default:
                throw new ConfigException("Unknown environment '" + text + "': use production or development.");
        }
    }
}
