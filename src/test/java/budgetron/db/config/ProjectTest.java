package budgetron.db.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each setting comes from (Project), and the URL forms Budgetron uses. Pure parsing: no database involved. */
class ProjectTest {
    private static Project load(Path dir, String env, String flag, Map<String, String> variables) {
        return Project.at(dir).environment(env, "--env").dbUrl(flag).variables(variables).load();
    }

    @Test
    void precedenceIsFlagThenEnvironmentThenEnvFileThenProperties(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres://u@envfile:5432/a\n");
        Files.writeString(dir.resolve("liquibase.properties"), "db-url=postgres://u@props:5432/a\n");
        Map<String, String> env = Map.of("DB_URL", "postgres://u@environment:5432/a");
        assertEquals("flag", load(dir, null, "postgres://u@flag:5432/a", env).dbUrl().host());
        assertEquals("environment", load(dir, null, null, env).dbUrl().host());
        assertEquals("envfile", load(dir, null, null, Map.of()).dbUrl().host());
        Files.delete(dir.resolve(".env"));
        assertEquals("props", load(dir, null, null, Map.of()).dbUrl().host());
        assertEquals("liquibase.properties", load(dir, null, null, Map.of()).dbUrlSetting().origin());
    }

    @Test
    void developmentReadsItsOwnFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres://u@prod:5432/a\n");
        Files.writeString(dir.resolve(".env.development"), "# comment\nDB_URL=\"postgres://u@dev:5432/a\"\n");
        assertEquals("dev", load(dir, "dev", null, Map.of()).dbUrl().host());
        assertEquals("prod", load(dir, null, null, Map.of()).dbUrl().host());
        assertFalse(load(dir.resolve("nowhere"), "development", null, Map.of()).hasDbUrl());
    }

    @Test
    void everySettingSaysWhereItCameFrom(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("liquibase.properties"), "lock-timeout=9s\nentity-packages=com.example.a, com.example.b\n");
        Files.writeString(dir.resolve("liquibase.development.properties"), "lock-retries=7\n");
        Project dev = load(dir, "development", null, Map.of());
        assertEquals("9s", dev.lockTimeout(), "lock-timeout is production's, for every environment");
        assertEquals(7, dev.lockRetries());
        assertEquals(java.util.List.of("com.example.a", "com.example.b"), dev.entityPackages());
        assertEquals("--env", dev.environmentSetting().origin());
        assertFalse(dev.hasDbUrl());
        String described = String.join("\n", dev.describe());
        assertTrue(described.contains("lock-timeout: 9s (liquibase.properties)"), described);
        assertTrue(described.contains("lock-retries: 7 (liquibase.development.properties)"), described);
        assertTrue(described.contains("lock-retry-wait: 2s (default)"), described);
        assertTrue(described.contains("the embedded development database"), described);
        assertEquals("the BUDGETRON_ENV environment variable",
                load(dir, null, null, Map.of("BUDGETRON_ENV", "dev")).environmentSetting().origin());
        Files.writeString(dir.resolve("liquibase.development.properties"), "lock-retries=many\n");
        assertTrue(assertThrows(ConfigException.class, () -> load(dir, "dev", null, Map.of())).getMessage()
                .contains("lock-retries in liquibase.development.properties must be a whole number"));
    }

    @Test
    void urlForms() {
        DbUrl a = DbUrl.parse("postgres://bud%40get:p%3Ass%2Fw@db.example.com:6543/budgetron?sslmode=require&connectTimeout=5");
        assertEquals("jdbc:postgresql://db.example.com:6543/budgetron?sslmode=require&connectTimeout=5", a.jdbcUrl());
        assertEquals("bud@get", a.user());
        assertEquals("p:ss/w", a.password());
        assertEquals("postgres://bud@get:****@db.example.com:6543/budgetron?sslmode=require&connectTimeout=5", a.toString());
        DbUrl b = DbUrl.parse("postgresql://u:pw@localhost/db");
        assertEquals("jdbc:postgresql://localhost:5432/db", b.jdbcUrl());
        DbUrl c = DbUrl.parse("jdbc:postgresql://h:5432/db?user=me&password=secret&sslmode=disable");
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=disable", c.jdbcUrl());
        assertEquals("me", c.user());
        assertEquals("secret", c.password());
        assertFalse(c.toString().contains("secret"));
    }

    @Test
    void maskHidesPasswordsInEveryForm() {
        assertEquals("postgres://u:****@h/db", DbUrl.mask("postgres://u:secret@h/db"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=****&ssl=true", DbUrl.mask("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"));
    }

    @Test
    void badUrlsAndFilesSayWhatToDo(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(ConfigException.class, () -> DbUrl.parse("")).getMessage().contains("DB_URL is empty"));
        assertTrue(assertThrows(ConfigException.class, () -> DbUrl.parse("http://h/db")).getMessage().contains("not a PostgreSQL URL"));
        assertTrue(assertThrows(ConfigException.class, () -> DbUrl.parse("postgres://u:p@h:5432/")).getMessage().contains("one database"));
        UsageException staging = assertThrows(UsageException.class, () -> load(dir, "staging", null, Map.of()));
        assertTrue(staging.getMessage().contains("production or development") && staging.getMessage().contains("from --env"), staging.getMessage());
        // an unparsable URL is never echoed after its scheme: where it breaks, the password may be what shows
        for (String bad : new String[] {"postgres//S3cretPw@:x", "postgres://u:S3cret@Pw@host:5432/db", "postgres://u:S3cretPw@host:54x2/db",
                "postgres://u:S3cretPw@:5432/db", "postgresql://u:S3cretPw@host/d/b"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(dir, null, bad, Map.of()).dbUrl(), bad);
            assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
            assertFalse(e.getMessage().contains("Pw"), e.getMessage());
        }
        assertTrue(assertThrows(ConfigException.class, () -> DbUrl.parse("postgres://u:p@ss@h:5432/db")).getMessage().contains("'@'; write it as %40"));
        assertTrue(assertThrows(ConfigException.class, () -> DbUrl.parse("postgres://u:p@h:54x2/db")).getMessage().contains("port after the host must be a number"));
        assertTrue(assertThrows(ConfigException.class, () -> load(dir, null, "mysql://u:p@h/db", Map.of()).dbUrl()).getMessage()
                .startsWith("DB_URL (from --db-url) is not a PostgreSQL URL"));
        Files.writeString(dir.resolve(".env"), "DB_URL=\"postgres://u:topsecret@h/db\n");
        ConfigException quote = assertThrows(ConfigException.class, () -> load(dir, null, null, Map.of()));
        assertTrue(quote.getMessage().contains("Line 1 of " + dir.resolve(".env") + " (DB_URL=...) could not be read: check its quotes"),
                quote.getMessage());
        assertTrue(DbUrl.mask("\"postgres://u:topsecret@h/db").endsWith("u:****@h/db"), "masked after a stray quote too");
        assertFalse(quote.getMessage().contains("topsecret"), quote.getMessage());
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres://u:topsecret@h/db\nthis line is no KEY=value pair\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, null, null, Map.of()));
        assertTrue(e.getMessage().contains("is malformed"), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }
}
