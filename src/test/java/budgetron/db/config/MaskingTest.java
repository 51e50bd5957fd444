package budgetron.db.config;

import budgetron.db.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No password is ever printed: malformed URLs and JDBC URLs with password=, in every output, --verbose too. */
class MaskingTest {
    private static final String SECRET = "S3cretPw";

    /** Each holds SECRET; none may show it. */
    private static final List<String> URLS = List.of(
            "postgres//user:" + SECRET + "@localhost/db",
            "postgres:/user:" + SECRET + "@localhost/db",
            "user:" + SECRET + "@localhost:5432/db",
            "postgres://user:" + SECRET + "@localhost:notaport/db",
            "postgres://user:" + SECRET + "@/db",
            "postgres://user:" + SECRET + "@localhost:5432/",
            "postgres://user:" + SECRET + "@localhost:5432/a/b",
            "postgres://user:p@ss" + SECRET + "@localhost:1/db",
            "postgres://user:" + SECRET + "%zz@localhost/db",
            "http://user:" + SECRET + "@localhost/db",
            "jdbc:postgresql://localhost:1/db?user=u&password=" + SECRET,
            "jdbc:postgresql://localhost:1/db?password=" + SECRET + "&sslmode=disable",
            "jdbc:postgres://localhost/db?password=" + SECRET,
            "jdbc:postgresql://localhost:1/db;password=" + SECRET,
            "mysql://root:" + SECRET + "@localhost/db");

    @Test
    void maskLeavesNoPasswordInAnyForm() {
        for (String url : URLS) {
            assertFalse(DbUrl.mask(url).contains(SECRET), url + " -> " + DbUrl.mask(url));
        }
        assertTrue(DbUrl.mask("postgres://postgres@localhost:54329/budgetron").equals("postgres://postgres@localhost:54329/budgetron"),
                "a URL without password reads as it is");
        assertTrue(DbUrl.mask("jdbc:postgresql://u:pw@h/db").contains("@h/db"));
    }

    @Test
    void noCommandPrintsThePassword(@TempDir Path dir) throws Exception {
        for (String url : URLS) {
            for (String command : List.of("status", "drift", "history", "migrate")) {
                for (boolean verbose : List.of(false, true)) {
                    Cli r = verbose ? Cli.run(command, "--db-url", url, "--verbose") : Cli.run(command, "--db-url", url);
                    assertNotEquals(0, r.exitCode, command + " " + url);
                    assertFalse(r.all().contains(SECRET), command + " " + url + (verbose ? " --verbose" : "") + "\n" + r);
                    if (!verbose) {
                        assertFalse(r.all().contains("\tat "), "no stack trace without --verbose: " + r);
                    }
                }
            }
        }
        // from an .env file as well
        Files.writeString(dir.resolve(".env"), "DB_URL=postgres//user:" + SECRET + "@localhost/db\n");
        Cli r = Cli.run("status", "--project-dir", dir.toString(), "--verbose");
        // unparsable: named by where it came from, and nothing of it after the scheme is printed
        assertTrue(r.err.contains("DB_URL (from .env) is not a PostgreSQL URL"), r.toString());
        assertFalse(r.all().contains(SECRET), r.toString());
        assertFalse(r.all().contains("localhost/db"), r.toString());
    }
}
