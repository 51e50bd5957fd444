package budgetron.db.cli.review;

import budgetron.db.support.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review of Budgetron's history since 0003, as a DBA opens it: the files' content, then the
 * HTML rendered by headless Chromium (a screenshot kept in target/review-screenshot.png, and the
 * rendered DOM checked for each part).
 */
class ReviewTest {
    private static final Path OUT = Path.of("target", "review-test");
    private static String html;
    private static String md;

    @BeforeAll
    static void writeReview() throws Exception {
        Cli r = Cli.run("review", "--since", "0003_use-single-display-name", "--out", OUT.toString());
        assertEquals(0, r.exitCode, r.toString());
        html = Files.readString(OUT.resolve("review.html"));
        md = Files.readString(OUT.resolve("review.md"));
    }

    @Test
    void summaryComesFirstWithDestructiveChangesetsAndFindings() {
        int summary = html.indexOf("<section id=\"summary\">");
        assertTrue(summary > 0 && summary < html.indexOf("<section id=\"changesets\">"));
        assertTrue(html.contains("<tr><th>Changesets</th><td>7</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Destructive</th><td>0003_use-single-display-name, 0004_add-investment-account-type</td></tr>"));
        assertTrue(html.contains("<tr><th>Rollback cannot restore data</th><td>0003_use-single-display-name, 0007_add-currency-bank-account, "
                + "0008_update-group-schema, 0009_add-currency-rates-table</td></tr>"));
        assertTrue(html.contains("<tr><th>Errors</th><td>9</td></tr>"));
    }

    @Test
    void eachChangesetHasSqlRollbackFindingsAuthorAndFile() {
        for (String id : List.of("0003_use-single-display-name", "0006_fix-user-settings-table", "0009_add-currency-rates-table")) {
            int start = html.indexOf("<section class=\"changeset\" id=\"cs-" + id + "\">");
            assertTrue(start > 0, id);
            String section = html.substring(start, html.indexOf("</section>", start));
            assertTrue(section.contains("by budgetron in changelog/" + id + ".sql:3"), section);
            assertTrue(section.contains("<pre class=\"sql\">"), section);
            assertTrue(section.contains("<pre class=\"rollback\">"), section);
        }
        assertTrue(html.contains("ALTER TABLE &quot;users&quot; DROP COLUMN &quot;first_name&quot;"));
        assertTrue(html.contains("<td>unique-without-index</td>"));
        assertTrue(md.contains("### 0006_fix-user-settings-table"));
        assertTrue(md.contains("- **ERROR** `unique-without-index` line 5"), md);
        assertTrue(md.contains("![schema](schema.svg)"));
    }

    @Test
    void selfContained() {
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"), "nothing fetched from the network");
        assertFalse(html.contains("@import") || html.contains("@font-face"), "no web fonts");
    }

    @Test
    void diagramHasEveryTableAndForeignKey() {
        Set<String> tables = new HashSet<>();
        Matcher m = Pattern.compile("<g class=\"table\" data-table=\"([a-z_]+)\">").matcher(html);
        while (m.find()) {
            tables.add(m.group(1));
        }
        assertEquals(13, tables.size(), tables.toString());
        int lines = html.split("<polyline class=\"fk\"", -1).length - 1;
        assertEquals(18, lines, "the 18 foreign keys, categories' reference to itself included");
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        String chromium = findChromium();
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null || System.getenv("CI") == null,
                "chromium missing outside CI (.ci/run installs it)");
        assertTrue(chromium != null, "chromium is required in CI: .ci/run installs Debian's chromium package");
        Path page = OUT.resolve("review.html").toAbsolutePath();
        Path shot = Path.of("target", "review-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        run(chromium, "--screenshot=" + shot, "--window-size=1400,2400", page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1400, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the page painted text, tables and badges, not a blank: " + colours.size() + " colours");
        assertTrue(colours.contains(0xFFB00020), "an ERROR badge is on screen");

        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("<table class=\"summary\">"), "summary rendered");
        assertEquals(7, dom.split("<section class=\"changeset\"", -1).length - 1, "every changeset rendered");
        assertEquals(13, dom.split("<g class=\"table\"", -1).length - 1, "every table of the diagram rendered");
    }

    private static String run(String chromium, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        return out;
    }

    private static String findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
