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

/** Where DB_URL comes from, and the URL forms Budgetron uses. Pure parsing: no database involved. */
class SettingsTest {
    @Test
    void precedenceIsFlagThenEnvironmentThenEnvFileThenProperties(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres://u@envfile:5432/a\n");
        Files.writeString(dir.resolve("liquibase.properties"), "db-url=postgres://u@props:5432/a\n");
        Map<String, String> env = Map.of("DB_URL", "postgres://u@environment:5432/a");
        assertEquals("flag", Settings.resolve(Environment.PRODUCTION, dir, "postgres://u@flag:5432/a", env).dbUrl().host());
        assertEquals("environment", Settings.resolve(Environment.PRODUCTION, dir, null, env).dbUrl().host());
        assertEquals("envfile", Settings.resolve(Environment.PRODUCTION, dir, null, Map.of()).dbUrl().host());
        Files.delete(dir.resolve(".env"));
        assertEquals("props", Settings.resolve(Environment.PRODUCTION, dir, null, Map.of()).dbUrl().host());
        assertEquals("liquibase.properties", Settings.resolve(Environment.PRODUCTION, dir, null, Map.of()).source());
    }

    @Test
    void developmentReadsItsOwnFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres://u@prod:5432/a\n");
        Files.writeString(dir.resolve(".env.development"), "# comment\nDB_URL=\"postgres://u@dev:5432/a\"\n");
        assertEquals("dev", Settings.resolve(Environment.DEVELOPMENT, dir, null, Map.of()).dbUrl().host());
        assertEquals("prod", Settings.resolve(Environment.PRODUCTION, dir, null, Map.of()).dbUrl().host());
        assertFalse(Settings.resolve(Environment.DEVELOPMENT, dir.resolve("nowhere"), null, Map.of()).hasDbUrl());
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
        assertTrue(assertThrows(ConfigException.class, () -> Environment.parse("staging")).getMessage().contains("production or development"));
        Files.writeString(dir.resolve(".env"), "DB_URL=\"postgres://u:topsecret@h/db\n");
        ConfigException quote = assertThrows(ConfigException.class, () -> Settings.resolve(Environment.PRODUCTION, dir, null, Map.of()));
        assertTrue(quote.getMessage().contains("Line 1 of " + dir.resolve(".env") + " (DB_URL=...) could not be read: check its quotes"),
                quote.getMessage());
        assertTrue(DbUrl.mask("\"postgres://u:topsecret@h/db").endsWith("u:****@h/db"), "masked after a stray quote too");
        assertFalse(quote.getMessage().contains("topsecret"), quote.getMessage());
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres://u:topsecret@h/db\nthis line is no KEY=value pair\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.resolve(Environment.PRODUCTION, dir, null, Map.of()));
        assertTrue(e.getMessage().contains("is malformed"), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }
}
