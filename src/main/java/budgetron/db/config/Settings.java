package budgetron.db.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the database URL comes from, highest first: --db-url, the DB_URL environment variable, the
 * environment's .env file, then the db-url key of its properties file. One place, shared by the
 * budgetron-db command and by the driver that the Liquibase Maven goals use.
 */
public final class Settings {
    public static final String DB_URL = "DB_URL";
    /** Key of the properties file that holds a fallback URL (Liquibase's own url key names the EnvDriver). */
    public static final String PROPERTIES_DB_URL = "db-url";
    public static final String CHANGELOG_FILE = "changelog/db.changelog-master.xml";

    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=");

    private final Environment environment;
    private final Path projectDir;
    private final String rawUrl;
    private final String source;

    private Settings(Environment environment, Path projectDir, String rawUrl, String source) {
        this.environment = environment;
        this.projectDir = projectDir;
        this.rawUrl = rawUrl;
        this.source = source;
    }

    public static Settings resolve(Environment environment, Path projectDir, String cliUrl, Map<String, String> env) {
        if (cliUrl != null && !cliUrl.isBlank()) {
            return new Settings(environment, projectDir, cliUrl, "--db-url");
        }
        String fromEnv = env.get(DB_URL);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Settings(environment, projectDir, fromEnv, "the DB_URL environment variable");
        }
        String fromFile = readEnvFile(projectDir.resolve(environment.envFile())).get(DB_URL);
        if (fromFile != null && !fromFile.isBlank()) {
            return new Settings(environment, projectDir, fromFile, environment.envFile());
        }
        String fromProps = readProperties(projectDir.resolve(environment.propertiesFile())).getProperty(PROPERTIES_DB_URL);
        if (fromProps != null && !fromProps.isBlank()) {
            return new Settings(environment, projectDir, fromProps, environment.propertiesFile());
        }
        return new Settings(environment, projectDir, null, null);
    }

    public static Map<String, String> readEnvFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Dotenv dotenv = Dotenv.configure()
                    .directory(file.getParent().toString())
                    .filename(file.getFileName().toString())
                    .load();
            Map<String, String> values = new java.util.HashMap<>();
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
            throw new ConfigException(file + " is malformed: write one KEY=value per line, for example DB_URL=postgres://user:password@localhost:5432/budgetron.");
        }
    }

    public static Properties readProperties(Path file) {
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

    /**
     * lock-timeout of liquibase.properties: what SET LOCAL lock_timeout generated changesets start
     * with. Read from the production file for every environment: a changeset is the same everywhere.
     */
    public static String lockTimeout(Path projectDir) {
        return readProperties(projectDir.resolve(Environment.PRODUCTION.propertiesFile())).getProperty("lock-timeout", "5s").trim();
    }

    /** lock-retries and lock-retry-wait of the environment's properties file, for the executor that retries (-D still wins). */
    public static void applyLockRetries(Environment environment, Path projectDir) {
        Properties props = readProperties(projectDir.resolve(environment.propertiesFile()));
        String retries = props.getProperty("lock-retries");
        if (retries != null && !retries.trim().matches("\\d{1,3}")) {
            throw new ConfigException("lock-retries in " + environment.propertiesFile() + " must be a whole number (0 to 999), not '" + retries + "'.");
        }
        String wait = props.getProperty("lock-retry-wait");
        if (wait != null && !wait.trim().matches("\\d+(\\.\\d+)?\\s*(ms|s)?")) {
            throw new ConfigException("lock-retry-wait in " + environment.propertiesFile() + " must be a duration such as 2s or 500ms, not '" + wait + "'.");
        }
        LockRetries.configure(retries == null ? null : Integer.valueOf(retries.trim()), wait == null ? null : wait.trim());
    }

    public boolean hasDbUrl() {
        return rawUrl != null;
    }

    /** The parsed URL; a clear error, in the budgetron-db command's terms, when none was given anywhere. */
    public DbUrl dbUrl() {
        return dbUrl("pass --db-url postgres://user:password@host:5432/database");
    }

    /** The same for the Maven goals, where only the environment and the files can give it. */
    public DbUrl dbUrlForMaven() {
        return dbUrl("put db-url=postgres://user:password@host:5432/database in " + environment.propertiesFile()
                + (environment.isProduction() ? "; production never uses the embedded database (mvn -Pdev does)" : ""));
    }

    private DbUrl dbUrl(String orElse) {
        if (rawUrl == null) {
            throw new ConfigException("No database given for " + environment.label() + ": set DB_URL in the environment or in "
                    + projectDir.resolve(environment.envFile()) + " (see .env.example), or " + orElse + ".");
        }
        return DbUrl.parse(rawUrl);
    }

    public String source() {
        return source;
    }

    public Environment environment() {
        return environment;
    }

    public Path projectDir() {
        return projectDir;
    }
}
