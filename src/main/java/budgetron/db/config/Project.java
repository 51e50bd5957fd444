package budgetron.db.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the project says about how to run, read once: the folder, the environment, the
 * properties file of that environment (and liquibase.properties, whose change-shaping keys hold for
 * every environment), the env file, and where each value came from. Every entry point builds one —
 * the CLI from its options, the Maven drivers from their marker URL, the container from its
 * environment, an application from its folder or none — and nothing below reads a file again.
 */
public final class Project {
    /** A value and where it came from, for messages ("from .env", "default"). */
    public record Setting(String value, String origin) {
    }

    public static final String DEFAULT_ENTITY_PACKAGE = "budgetron.db.entity";
    public static final String DB_URL = "DB_URL";
    private static final String DURATION = "\\d+(\\.\\d+)?\\s*(ms|s|min)?";
    /** Key of the properties file that holds a fallback URL (Liquibase's own url key names the Maven driver). */
    public static final String PROPERTIES_DB_URL = "db-url";
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=");

    private final Path dir;
    private final Setting environmentName;
    private final Environment environment;
    private final Setting dbUrl;
    /** A URL handed over already parsed (the Maven run's embedded database), else null: parsed from dbUrl. */
    private final DbUrl parsedUrl;
    private final int waitSeconds;
    private final Setting lockTimeout;
    private final Setting zeroDowntime;
    private final Setting lockRetries;
    private final Setting lockRetryWait;
    private final Setting entityPackages;
    private final Setting devDbPort;
    private final Setting adoptDrizzle;
    private final Setting lockWait;
    private final Setting backups;
    private final Setting backupRetention;

    private Project(Builder b, Environment environment, Setting environmentName, Properties own, Properties production) {
        this.dir = b.dir;
        this.environment = environment;
        this.environmentName = environmentName;
        this.waitSeconds = b.waitSeconds;
        String ownFile = environment.propertiesFile();
        String prodFile = Environment.PRODUCTION.propertiesFile();
        this.dbUrl = dbUrl(b, environment, own);
        this.parsedUrl = b.givenUrl;
        Map<String, Setting> given = b.settings;
        this.lockTimeout = property(given, production, prodFile, "lock-timeout", "5s");
        this.zeroDowntime = property(given, production, prodFile, "zero-downtime", "true");
        this.lockRetries = systemOr(LockRetries.RETRIES, property(given, own, ownFile, "lock-retries", "3"));
        this.lockRetryWait = systemOr(LockRetries.WAIT, property(given, own, ownFile, "lock-retry-wait", "2s"));
        this.entityPackages = property(given, production, prodFile, "entity-packages", DEFAULT_ENTITY_PACKAGE);
        this.devDbPort = property(given, own, ownFile, "dev-db-port", "54329");
        this.adoptDrizzle = property(given, own, ownFile, "adopt-drizzle", "true");
        this.lockWait = property(given, own, ownFile, "lock-wait", "5min");
        // production keeps a copy of what a migration destroys unless told not to; development need not
        this.backups = property(given, own, ownFile, "backups", environment.isProduction() ? "on" : "off");
        this.backupRetention = property(given, own, ownFile, "backup-retention", "30d");
        validate();
    }

    /** The project in a folder (its changelog/ and properties files, when it has them). */
    public static Builder at(Path dir) {
        return new Builder(dir);
    }

    /** No folder: the changelog packed in the jar, default settings, production rules. What an application gets from a DataSource. */
    public static Project bundled() {
        return bundledWith().load();
    }

    /** The same, to add settings to: Project.bundledWith().setting("lock-wait", "30s", "…").load(). */
    public static Builder bundledWith() {
        return new Builder(null).variables(Map.of());
    }

    public static final class Builder {
        private final Path dir;
        private String environment;
        private String environmentOrigin;
        private String cliDbUrl;
        private DbUrl givenUrl;
        private String givenOrigin;
        private int waitSeconds;
        private Map<String, String> variables = System.getenv();
        private final Map<String, Setting> settings = new HashMap<>();

        private Builder(Path dir) {
            this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
        }

        /** production, development (or prod, dev); null: BUDGETRON_ENV, else production. */
        public Builder environment(String name, String origin) {
            this.environment = name;
            this.environmentOrigin = origin;
            return this;
        }

        /** The URL given on the command line (--db-url): wins over every other source. */
        public Builder dbUrl(String url) {
            this.cliDbUrl = url;
            return this;
        }

        /** A database already resolved by the caller (a Maven run's embedded database), with what to call its origin. */
        public Builder dbUrl(DbUrl url, String origin) {
            this.givenUrl = url;
            this.givenOrigin = origin;
            return this;
        }

        /**
         * A setting given by the caller (an application's Spring properties, say), winning over the
         * properties files: lock-retries, lock-retry-wait, lock-wait, adopt-drizzle, …
         */
        public Builder setting(String key, String value, String origin) {
            if (value != null) {
                settings.put(key, new Setting(value.trim(), origin));
            }
            return this;
        }

        /** How long to wait for the server to accept connections (--wait-seconds, the container's MAX_WAIT). */
        public Builder waitSeconds(int seconds) {
            this.waitSeconds = Math.max(0, seconds);
            return this;
        }

        /** The process environment to read DB_URL and BUDGETRON_ENV from (System.getenv() unless a test says otherwise). */
        public Builder variables(Map<String, String> variables) {
            this.variables = variables;
            return this;
        }

        public Project load() {
            Setting name = environment != null && !environment.isBlank() ? new Setting(environment, environmentOrigin)
                    : variables.get("BUDGETRON_ENV") != null && !variables.get("BUDGETRON_ENV").isBlank()
                    ? new Setting(variables.get("BUDGETRON_ENV"), "the BUDGETRON_ENV environment variable")
                    : new Setting("production", "default");
            Environment env;
            try {
                env = Environment.parse(name.value());
            } catch (ConfigException e) {
                throw new UsageException(e.getMessage() + (name.origin().equals("default") ? "" : " (from " + name.origin() + ")"));
            }
            Properties own = dir == null ? new Properties() : readProperties(dir.resolve(env.propertiesFile()));
            Properties production = env.isProduction() || dir == null ? own
                    : readProperties(dir.resolve(Environment.PRODUCTION.propertiesFile()));
            return new Project(this, env, name, own, production);
        }
    }

    private static Setting dbUrl(Builder b, Environment environment, Properties own) {
        if (b.givenUrl != null) {
            return new Setting(b.givenUrl.toString(), b.givenOrigin);
        }
        if (b.cliDbUrl != null && !b.cliDbUrl.isBlank()) {
            return new Setting(b.cliDbUrl, "--db-url");
        }
        String fromEnv = b.variables.get(DB_URL);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Setting(fromEnv, "the DB_URL environment variable");
        }
        if (b.dir != null) {
            String fromFile = readEnvFile(b.dir.resolve(environment.envFile())).get(DB_URL);
            if (fromFile != null && !fromFile.isBlank()) {
                return new Setting(fromFile, environment.envFile());
            }
        }
        String fromProps = own.getProperty(PROPERTIES_DB_URL);
        if (fromProps != null && !fromProps.isBlank()) {
            return new Setting(fromProps.trim(), environment.propertiesFile());
        }
        return null;
    }

    private static Setting property(Map<String, Setting> given, Properties props, String file, String key, String fallback) {
        if (given.containsKey(key)) {
            return given.get(key);
        }
        String value = props.getProperty(key);
        return value == null || value.isBlank() ? new Setting(fallback, "default") : new Setting(value.trim(), file);
    }

    /** -Dbudgetron.lock-retries and -Dbudgetron.lock-retry-wait still win over the file. */
    private static Setting systemOr(String property, Setting fromFile) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fromFile : new Setting(value.trim(), "-D" + property);
    }

    private void validate() {
        if (!lockRetries.value().matches("\\d{1,3}")) {
            throw new ConfigException("lock-retries in " + lockRetries.origin() + " must be a whole number (0 to 999), not '" + lockRetries.value() + "'.");
        }
        if (!devDbPort.value().matches("\\d{1,5}") || Integer.parseInt(devDbPort.value()) > 65535) {
            throw new ConfigException("dev-db-port in " + devDbPort.origin() + " must be a port number, not '" + devDbPort.value() + "'.");
        }
        if (!zeroDowntime.value().trim().matches("true|false")) {
            throw new ConfigException("zero-downtime in " + zeroDowntime.origin() + " must be true or false, not '" + zeroDowntime.value() + "'.");
        }
        if (!adoptDrizzle.value().matches("true|false")) {
            throw new ConfigException("adopt-drizzle in " + adoptDrizzle.origin() + " must be true or false, not '" + adoptDrizzle.value() + "'.");
        }
        if (!lockWait.value().matches(DURATION)) {
            throw new ConfigException("lock-wait in " + lockWait.origin() + " must be a duration such as 30s, 5min or 500ms, not '"
                    + lockWait.value() + "'.");
        }
        if (!backups.value().matches("on|off")) {
            throw new ConfigException("backups in " + backups.origin() + " must be on or off, not '" + backups.value() + "'.");
        }
        if (!backupRetention.value().matches("\\d+\\s*(d|h|min)")) {
            throw new ConfigException("backup-retention in " + backupRetention.origin() + " must be a number of days, hours or minutes "
                    + "such as 30d, 12h or 90min, not '" + backupRetention.value() + "'.");
        }
        if (!lockRetryWait.value().matches("\\d+(\\.\\d+)?\\s*(ms|s)?")) {
            throw new ConfigException("lock-retry-wait in " + lockRetryWait.origin() + " must be a duration such as 2s or 500ms, not '"
                    + lockRetryWait.value() + "'.");
        }
    }

    /** The folder, or null for a project without one (an application's DataSource, the jar's own changelog). */
    public Path dir() {
        return dir;
    }

    public Environment environment() {
        return environment;
    }

    public Setting environmentSetting() {
        return environmentName;
    }

    public boolean hasDbUrl() {
        return dbUrl != null;
    }

    /** DB_URL as given, with its origin; null when nothing gives one. */
    public Setting dbUrlSetting() {
        return dbUrl;
    }

    /** The parsed URL; a message naming every place it may be set when none gives one. */
    public DbUrl dbUrl() {
        if (dbUrl == null) {
            throw new ConfigException(noDatabase("pass --db-url postgres://user:password@host:5432/database"));
        }
        return parsedUrl != null ? parsedUrl : DbUrl.parse(dbUrl.value(), dbUrl.origin());
    }

    /** "No database given…", naming the env file, the properties key and {@code otherWay} (null: none, as for Maven). */
    public String noDatabase(String otherWay) {
        return "No database given for " + environment.label() + ": set DB_URL in the environment or in "
                + (dir == null ? environment.envFile() : dir.resolve(environment.envFile())) + " (see .env.example), "
                + (otherWay == null ? "or " : otherWay + ", or ") + "put db-url=postgres://user:password@host:5432/database in "
                + environment.propertiesFile() + (environment.isProduction() ? "; production never uses the embedded database" : "") + ".";
    }

    public int waitSeconds() {
        return waitSeconds;
    }

    /** What SET LOCAL lock_timeout generated changesets start with (liquibase.properties, for every environment: a changeset is the same everywhere). */
    public String lockTimeout() {
        return lockTimeout.value();
    }

    /**
     * Whether generate writes renames, type changes and drops as expand and contract, so that the
     * release still running keeps working (liquibase.properties, like lock-timeout: the same changeset
     * serves every environment). false: in place, for a deployment that stops the application to migrate.
     */
    public boolean zeroDowntime() {
        return Boolean.parseBoolean(zeroDowntime.value().trim());
    }

    public int lockRetries() {
        return Integer.parseInt(lockRetries.value());
    }

    public String lockRetryWait() {
        return lockRetryWait.value();
    }

    /** The packages that hold the entities (entity-packages of liquibase.properties, comma-separated). */
    public List<String> entityPackages() {
        return Arrays.stream(entityPackages.value().split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** Where the embedded development database listens (dev-db-port, default 54329): fixed, so that the app and SQL clients find it. */
    public int devDbPort() {
        return Integer.parseInt(devDbPort.value());
    }

    /** Whether migrate takes over a database that Drizzle built (adopt-drizzle, default true); false refuses it instead. */
    public boolean adoptDrizzle() {
        return Boolean.parseBoolean(adoptDrizzle.value());
    }

    /** How long migrate and the other changing commands wait for the migration lock (lock-wait, default 5min). */
    public java.time.Duration lockWait() {
        return duration(lockWait.value());
    }

    /**
     * Whether migrate copies what a changeset destroys before running it (backups: on in production,
     * off in development, unless set); the rollback of a changeset puts its copies back either way.
     */
    public boolean backups() {
        return backups.value().equals("on");
    }

    public Setting backupsSetting() {
        return backups;
    }

    /** How long copies are kept (backup-retention, default 30d): migrate drops older ones after a successful run. */
    public java.time.Duration backupRetention() {
        String t = backupRetention.value().replace(" ", "");
        long n = Long.parseLong(t.replaceAll("\\D", ""));
        return t.endsWith("d") ? java.time.Duration.ofDays(n) : t.endsWith("h") ? java.time.Duration.ofHours(n) : java.time.Duration.ofMinutes(n);
    }

    static java.time.Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ms")) {
            return java.time.Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        }
        if (t.endsWith("min")) {
            return java.time.Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 3).trim()) * 60_000));
        }
        return java.time.Duration.ofMillis(Math.round(Double.parseDouble(t.replaceAll("s$", "").trim()) * 1000));
    }

    public Setting entityPackagesSetting() {
        return entityPackages;
    }

    /** True for a checkout with compiled classes of its own (target/classes): its entities are read from there, not from the jar. */
    public boolean hasBuild() {
        return dir != null && Files.isDirectory(dir.resolve("target").resolve("classes"));
    }

    /** Each setting and where it came from, one per line, for `budgetron-db settings` and --verbose. */
    public List<String> describe() {
        return List.of(
                "project folder: " + (dir == null ? "(none: the changelog packed in the jar)" : dir),
                "environment: " + environment.label() + " (" + environmentName.origin() + ")",
                "database: " + (dbUrl == null ? (environment.isProduction() ? "none given" : "the embedded development database (no DB_URL)")
                        : DbUrl.mask(dbUrl.value()) + " (from " + dbUrl.origin() + ")"),
                "changelog: " + (dir != null && Files.isRegularFile(dir.resolve("changelog/db.changelog-master.xml"))
                        ? dir.resolve("changelog") : "the one packed in the jar"),
                "lock-timeout: " + lockTimeout.value() + " (" + lockTimeout.origin() + ")",
                "zero-downtime: " + zeroDowntime.value() + " (" + zeroDowntime.origin() + ")",
                "lock-retries: " + lockRetries.value() + " (" + lockRetries.origin() + ")",
                "lock-retry-wait: " + lockRetryWait.value() + " (" + lockRetryWait.origin() + ")",
                "entity-packages: " + entityPackages.value() + " (" + entityPackages.origin() + ")",
                "dev-db-port: " + devDbPort.value() + " (" + devDbPort.origin() + ")",
                "adopt-drizzle: " + adoptDrizzle.value() + " (" + adoptDrizzle.origin() + ")",
                "lock-wait: " + lockWait.value() + " (" + lockWait.origin() + ")",
                "backups: " + backups.value() + " (" + backups.origin() + ")",
                "backup-retention: " + backupRetention.value() + " (" + backupRetention.origin() + ")");
    }

    /** The KEY=value lines of an env file (none when it is missing); a line the parser drops is named, never echoed. */
    static Map<String, String> readEnvFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Dotenv dotenv = Dotenv.configure().directory(file.getParent().toString()).filename(file.getFileName().toString()).load();
            Map<String, String> values = new HashMap<>();
            for (DotenvEntry e : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                values.put(e.getKey(), e.getValue());
            }
            // the parser drops a line it cannot read (an unclosed quote) without a word: say which
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = ASSIGNMENT.matcher(lines.get(i));
                if (m.find() && !values.containsKey(m.group(1))) {
                    throw new ConfigException("Line " + (i + 1) + " of " + file + " (" + m.group(1)
                            + "=...) could not be read: check its quotes, as in " + m.group(1) + "=\"value\".");
                }
            }
            return values;
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
        } catch (DotenvException e) {
            // the parser's message quotes the bad line, which may hold a password
            throw new ConfigException(file + " is malformed: write one KEY=value per line, for example "
                    + "DB_URL=postgres://user:password@localhost:5432/budgetron.");
        }
    }

    static Properties readProperties(Path file) {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
            }
        }
        return props;
    }
}
