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

    /** A real headless Chromium (Debian's chromium and chromium-driver); skipped outside CI when they are missing. */
    static org.openqa.selenium.chrome.ChromeDriver chromium() {
        java.nio.file.Path binary = java.nio.file.Path.of("/usr/bin/chromium");
        java.nio.file.Path driver = java.nio.file.Path.of("/usr/bin/chromedriver");
        boolean present = java.nio.file.Files.isExecutable(binary) && java.nio.file.Files.isExecutable(driver);
        org.junit.jupiter.api.Assumptions.assumeTrue(present || System.getenv("CI") != null,
                "chromium and chromium-driver missing outside CI (.ci/run installs them)");
        org.junit.jupiter.api.Assertions.assertTrue(present, "CI needs Debian's chromium and chromium-driver: .ci/run installs them");
        org.openqa.selenium.chrome.ChromeOptions options = new org.openqa.selenium.chrome.ChromeOptions();
        options.setBinary(binary.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,1000",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
        org.openqa.selenium.chrome.ChromeDriverService service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        return new org.openqa.selenium.chrome.ChromeDriver(service, options);
    }

    /** Waits until the page says it is ready and nothing is loading (the page sets both on its body). */
    static void ready(org.openqa.selenium.support.ui.WebDriverWait wait) {
        wait.until(d -> "true".equals(d.findElement(org.openqa.selenium.By.tagName("body")).getDomAttribute("data-ready"))
                && d.findElement(org.openqa.selenium.By.tagName("body")).getDomAttribute("data-loading") == null);
    }

    /** Opens a table from the sidebar and waits for its grid. */
    static void openTable(org.openqa.selenium.WebDriver browser, org.openqa.selenium.support.ui.WebDriverWait wait, String table) {
        browser.findElement(org.openqa.selenium.By.cssSelector("#tables a[data-table='" + table + "']")).click();
        wait.until(d -> d.findElement(org.openqa.selenium.By.id("grid-title")).getText().equals(table));
        ready(wait);
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
