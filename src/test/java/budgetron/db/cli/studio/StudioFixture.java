package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A migrated Budgetron database with a few users, accounts and transactions, and a studio on it. */
final class StudioFixture {
    private StudioFixture() {
    }

    static DbUrl budgetronWithData() throws Exception {
        DbUrl url = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", url.toString()).exitCode);
        TestDatabase.execute(url,
                "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.org'), ('Grace', 'grace@example.org')",
                "INSERT INTO bank_accounts (name, type, user_id, currency) SELECT 'Main', 'SAVINGS', id, 'INR' FROM users WHERE name = 'Ada'",
                "INSERT INTO transactions (type, date, amount, currency, description, user_id, bank_account_id, tags) "
                        + "SELECT 'EXPENSE', date '2025-01-01' + g, g + 0.5, CASE WHEN g % 3 = 0 THEN 'INR' ELSE 'USD' END, 'tx ' || g, "
                        + "u.id, b.id, '{food}' FROM generate_series(1, 30) g, users u, bank_accounts b WHERE u.name = 'Ada'",
                "ANALYZE");
        return url;
    }

    static Studio start(DbUrl url, boolean readOnly, String environment) {
        return Studio.start(url, readOnly, environment, Changelog.in(Path.of("")), "127.0.0.1", 0);
    }

    static String base(Studio studio) {
        return "http://127.0.0.1:" + studio.port();
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(Studio studio, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base(studio) + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Studio studio, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base(studio) + path)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
