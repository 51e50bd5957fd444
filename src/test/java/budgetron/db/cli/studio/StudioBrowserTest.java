package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio page driven in a real headless Chromium (Debian's chromium and chromium-driver), as a
 * developer uses it: open a table, filter, sort, follow a foreign key, edit cells, a failing edit,
 * an enum drop-down, the console, export, a deep link; screenshots under target/.
 */
class StudioBrowserTest {
    private static DbUrl url;
    private static Studio studio;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        url = StudioFixture.budgetronWithData();
        studio = StudioFixture.start(url, false, "development");
        browser = StudioFixture.chromium();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(studio.address());
        ready();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (studio != null) {
            studio.close();
        }
    }

    private static void ready() {
        StudioFixture.ready(wait);
    }

    private static void openTable(String table) {
        StudioFixture.openTable(browser, wait, table);
    }

    private static long shownCount() {
        return Long.parseLong(browser.findElement(By.id("count")).getDomAttribute("data-count"));
    }

    private static WebElement cellOf(int row, String column) {
        return browser.findElement(By.cssSelector("#grid tbody tr[data-row='" + row + "'] td[data-column='" + column + "']"));
    }

    /** Opens the editor of a cell the way a person does: scrolled into view, then a double click. */
    private static WebElement edit(int row, String column, String editor) {
        wait.until(d -> d.findElements(By.cssSelector("#grid .editor")).isEmpty());
        WebElement cell = cellOf(row, column);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", cell);
        new Actions(browser).doubleClick(cell).perform();
        return wait.until(d -> cellOf(row, column).findElement(By.cssSelector(editor)));
    }

    private static void save() {
        wait.until(d -> !d.findElement(By.id("pending-sql")).getText().isEmpty());
        browser.findElement(By.id("save")).click();
    }

    @Test
    void aDeveloperBrowsesFiltersSortsAndFollowsForeignKeys() throws Exception {
        openTable("transactions");
        assertEquals(30, shownCount());
        new Select(browser.findElement(By.id("filter-column"))).selectByValue("currency");
        new Select(browser.findElement(By.id("filter-op"))).selectByValue("eq");
        browser.findElement(By.id("filter-value")).sendKeys("INR");
        browser.findElement(By.cssSelector("#filter-form button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("filter=currency%3Aeq%3AINR"));
        ready();
        assertEquals(TestDatabase.count(url, "SELECT count(*) FROM transactions WHERE currency = 'INR'"), shownCount());

        browser.findElement(By.cssSelector("#grid th[data-column='amount']")).click();
        wait.until(d -> d.getCurrentUrl().contains("sort=amount%3Aasc"));
        ready();
        assertEquals(TestDatabase.queryOne(url, "SELECT min(amount) FROM transactions WHERE currency = 'INR'"), cellOf(0, "amount").getText());
        Path shot = Path.of("target", "studio-grid.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.id("show-sql")).click();
        wait.until(d -> d.findElement(By.id("view-sql")).getText().contains("WHERE \"currency\" = CAST('INR' AS text) ORDER BY \"amount\" ASC"));

        // what the Export button does: a single-use ticket for the view's address (a download carries no header), then the file
        String csv = (String) browser.executeAsyncScript("const done = arguments[0];"
                + "const path = document.getElementById('export-csv').dataset.path;"
                + "fetch('/api/tickets', {method: 'POST', headers: {'X-Studio-Token': localStorage.getItem('budgetron-studio-token'), "
                + "'Content-Type': 'application/json'}, body: JSON.stringify({for: path})}).then(r => r.json())"
                + ".then(t => fetch(path + '&ticket=' + encodeURIComponent(t.ticket))).then(r => r.text()).then(done);");
        assertEquals(shownCount() + 1, csv.strip().split("\r?\n").length, "the export holds every row of the view: " + csv);

        cellOf(0, "bank_account_id").findElement(By.cssSelector("a.fk")).click();
        wait.until(d -> d.findElement(By.id("grid-title")).getText().equals("bank_accounts"));
        ready();
        assertEquals(1, shownCount());
        assertTrue(browser.getCurrentUrl().contains("table=bank_accounts&filter=id%3Aeq%3A"), browser.getCurrentUrl());
        browser.findElement(By.cssSelector("#grid tbody tr[data-row='0'] td.actions button")).click();
        WebElement child = wait.until(d -> d.findElement(By.cssSelector("#details a[data-child='transactions']")));
        assertTrue(child.findElement(By.xpath("..")).getText().contains(": 30 rows"), child.findElement(By.xpath("..")).getText());
        child.click();
        wait.until(d -> d.findElement(By.id("grid-title")).getText().equals("transactions"));
        ready();
        assertEquals(30, shownCount());

        browser.navigate().back();
        wait.until(d -> d.findElement(By.id("grid-title")).getText().equals("bank_accounts"));
    }

    @Test
    void editsAreSavedInOneTransactionAndFailuresChangeNothing() throws Exception {
        openTable("bank_accounts");
        WebElement input = edit(0, "name", "input.editor");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Renamed", Keys.ENTER);
        Select type = new Select(edit(0, "type", "select.editor"));
        List<String> labels = type.getOptions().stream().map(WebElement::getText).toList();
        assertEquals(List.of("CHECKING", "CREDIT", "INVESTMENT", "SAVINGS"), labels, "the enum's labels, in their order");
        type.selectByVisibleText("INVESTMENT");
        cellOf(0, "type").findElement(By.cssSelector("button[data-action='ok']")).click();
        wait.until(d -> d.findElement(By.id("pending-sql")).getText().contains("CAST('INVESTMENT' AS bank_account_type_enum)"));
        assertTrue(browser.findElement(By.id("pending-sql")).getText().startsWith("UPDATE \"bank_accounts\" SET \"name\" = CAST('Renamed' AS text)"));
        save();
        wait.until(d -> d.findElement(By.id("pending")).getDomAttribute("hidden") != null);
        ready();
        assertEquals("Renamed", TestDatabase.queryOne(url, "SELECT name FROM bank_accounts"));
        assertEquals("INVESTMENT", TestDatabase.queryOne(url, "SELECT type FROM bank_accounts"));

        openTable("users");
        int grace = cellOf(0, "name").getText().equals("Grace") ? 0 : 1;
        edit(1 - grace, "name", "input.editor").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Changed", Keys.ENTER);
        edit(grace, "email", "input.editor").sendKeys(Keys.chord(Keys.CONTROL, "a"), "ada@example.org", Keys.ENTER);
        save();
        WebElement error = wait.until(d -> {
            WebElement e = d.findElement(By.id("error"));
            return e.isDisplayed() ? e : null;
        });
        assertTrue(error.getText().contains("Nothing was saved: duplicate key value violates unique constraint"), error.getText());
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Changed'"), "the valid edit was not saved either");
        assertEquals("grace@example.org", TestDatabase.queryOne(url, "SELECT email FROM users WHERE name = 'Grace'"));
        browser.findElement(By.id("discard")).click();
    }

    @Test
    void theForeignKeyPickerAndTheDateEditors() throws Exception {
        String grace = TestDatabase.queryOne(url, "SELECT id FROM users WHERE name = 'Grace'");
        openTable("bank_accounts");
        WebElement owner = edit(0, "user_id", "input.editor");
        assertEquals("pick-user_id", owner.getDomAttribute("list"), "a uuid foreign key gets the picker");
        assertEquals("✓", cellOf(0, "user_id").getText().strip(), "a NOT NULL column's editor: the OK button, no set-NULL button, no stray \"null\"");
        owner.sendKeys(Keys.chord(Keys.CONTROL, "a"), "gra");
        // the datalist offers the users whose name matches, labelled by name, valued by id
        wait.until(d -> d.findElements(By.cssSelector("#pick-user_id option")).size() == 1
                && "Grace".equals(d.findElement(By.cssSelector("#pick-user_id option")).getDomProperty("textContent")));
        assertEquals(grace, browser.findElement(By.cssSelector("#pick-user_id option")).getDomProperty("value"));
        // choosing the suggestion puts its value in the input, which typing it does too
        owner.sendKeys(Keys.chord(Keys.CONTROL, "a"), grace, Keys.ENTER);
        wait.until(d -> d.findElement(By.id("pending-sql")).getText().contains("\"user_id\" = CAST('" + grace + "' AS uuid)"));
        save();
        wait.until(d -> d.findElement(By.id("pending")).getDomAttribute("hidden") != null);
        ready();
        assertEquals(grace, TestDatabase.queryOne(url, "SELECT user_id::text FROM bank_accounts"));

        openTable("transactions");
        String id = cellOf(0, "id").getText();
        WebElement date = edit(0, "date", "input.editor");
        assertEquals("date", date.getDomAttribute("type"));
        assertEquals(TestDatabase.queryOne(url, "SELECT date::text FROM transactions WHERE id = '" + id + "'"), date.getDomProperty("value"),
                "the editor opens on the stored date");
        // a date input's keyboard entry follows the browser's locale; the value is what the page reads
        browser.executeScript("arguments[0].value = '2024-02-29'", date);
        date.sendKeys(Keys.ENTER);
        WebElement created = edit(0, "created_at", "input.editor");
        assertEquals("datetime-local", created.getDomAttribute("type"));
        String stored = TestDatabase.queryOne(url, "SELECT to_char(created_at, 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM transactions WHERE id = '" + id + "'");
        assertEquals(stored, created.getDomProperty("value"), "the editor opens on the stored time, to the second");
        browser.executeScript("arguments[0].value = '2024-03-01T10:20:30'", created);
        created.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElement(By.id("pending-sql")).getText().contains("CAST('2024-03-01 10:20:30' AS timestamp without time zone)"));
        assertTrue(browser.findElement(By.id("pending-sql")).getText().contains("\"date\" = CAST('2024-02-29' AS date)"),
                browser.findElement(By.id("pending-sql")).getText());
        save();
        wait.until(d -> d.findElement(By.id("pending")).getDomAttribute("hidden") != null);
        ready();
        assertEquals("2024-02-29", TestDatabase.queryOne(url, "SELECT date::text FROM transactions WHERE id = '" + id + "'"));
        assertEquals("2024-03-01 10:20:30", TestDatabase.queryOne(url, "SELECT created_at::text FROM transactions WHERE id = '" + id + "'"));
    }

    @Test
    void consoleDeepLinkAndDiagram() throws Exception {
        browser.findElement(By.cssSelector("#views a[data-view='console']")).click();
        WebElement sql = wait.until(d -> d.findElement(By.id("console-sql")));
        sql.clear();
        sql.sendKeys("SELECT count(*) AS n FROM transactions WHERE currency = 'USD'");
        browser.findElement(By.id("run-sql")).click();
        wait.until(d -> d.findElement(By.id("console-status")).getText().contains("rows in"));
        assertEquals(TestDatabase.queryOne(url, "SELECT count(*) FROM transactions WHERE currency = 'USD'"),
                browser.findElement(By.cssSelector("#console-result td")).getText());

        browser.get(StudioFixture.base(studio) + "/?table=transactions&filter=currency:eq:INR&sort=date:desc");
        ready();
        wait.until(d -> d.findElement(By.id("grid-title")).getText().equals("transactions"));
        assertEquals(TestDatabase.count(url, "SELECT count(*) FROM transactions WHERE currency = 'INR'"), shownCount());
        assertTrue(browser.findElement(By.id("filters")).getText().contains("currency:eq:INR"));
        assertEquals(TestDatabase.queryOne(url, "SELECT max(date) FROM transactions WHERE currency = 'INR'"), cellOf(0, "date").getText());

        browser.findElement(By.cssSelector("#views a[data-view='diagram']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#diagram g.table")).size() == 13);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "studio-diagram.png"), StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.cssSelector("#diagram a[data-table='budgets']")).click();
        wait.until(d -> d.findElement(By.id("grid-title")).getText().equals("budgets"));
        assertTrue(browser.getCurrentUrl().contains("table=budgets"));

        browser.findElement(By.cssSelector("#views a[data-view='history']")).click();
        browser.findElement(By.id("check-drift")).click();
        wait.until(d -> d.findElement(By.id("drift")).getText().contains("No drift"));
        assertTrue(browser.findElement(By.id("history")).getText().contains("10 applied"));
    }
}
