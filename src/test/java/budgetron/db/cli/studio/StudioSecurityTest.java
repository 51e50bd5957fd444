package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static budgetron.db.cli.studio.StudioFixture.get;
import static budgetron.db.cli.studio.StudioFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP rules that keep the studio's data to the one who started it, tried against a read-only (production) studio. */
class StudioSecurityTest {
    private static DbUrl url;
    private static Studio studio;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        url = StudioFixture.budgetronWithData();
        studio = StudioFixture.start(url, true, "production");
        token = studio.token();
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private static String[] auth() {
        return new String[]{StudioServer.HEADER, token};
    }

    private static void unchanged() throws Exception {
        assertEquals(2, TestDatabase.count(url, "SELECT count(*) FROM users"));
        assertEquals(30, TestDatabase.count(url, "SELECT count(*) FROM transactions"));
        assertEquals("Ada", TestDatabase.queryOne(url, "SELECT name FROM users ORDER BY name LIMIT 1"));
    }

    @Test
    void everyApiRequestNeedsTheTokenInItsHeaderAndNothingSetsACookie() throws Exception {
        for (String path : List.of("/api/info", "/api/tables", "/api/tables/users/rows", "/api/diagram.svg")) {
            assertEquals(401, get(studio, path).statusCode(), path + " without a token");
            assertEquals(403, get(studio, path, StudioServer.HEADER, "wrong").statusCode(), path + " with a wrong token");
            assertEquals(401, get(studio, path, "Cookie", "budgetron_studio=" + token).statusCode(), path + ": a cookie is no credential");
            HttpResponse<String> ok = get(studio, path, auth());
            assertEquals(200, ok.statusCode(), path + " with the token");
            assertTrue(ok.headers().firstValue("Set-Cookie").isEmpty(), path + " sets no cookie");
        }
        for (String asset : List.of("/", "/studio.js", "/studio.css", "/?token=wrong")) {
            HttpResponse<String> page = get(studio, asset);
            assertEquals(200, page.statusCode(), asset + ": the page carries nothing secret");
            assertFalse(page.body().contains(token), asset + " does not hold the token");
            assertTrue(page.headers().firstValue("Set-Cookie").isEmpty(), asset + " sets no cookie");
        }
        assertEquals(401, post(studio, "/api/sql", "{\"sql\":\"select 1\"}").statusCode());
    }

    @Test
    void aDownloadTicketOpensExactlyOneAddressOnce() throws Exception {
        String target = "/api/tables/users/export?format=csv&sort=name:asc";
        HttpResponse<String> issued = post(studio, "/api/tickets", "{\"for\":\"" + target + "\"}", auth());
        assertEquals(200, issued.statusCode(), issued.body());
        String ticket = issued.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");
        assertEquals(403, get(studio, "/api/tables/transactions/export?format=csv&ticket=" + ticket).statusCode(), "another address");
        HttpResponse<String> again = post(studio, "/api/tickets", "{\"for\":\"" + target + "\"}", auth());
        String second = again.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> csv = get(studio, target + "&ticket=" + second);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().startsWith("id,name,email"), csv.body());
        assertTrue(csv.body().contains("Ada"), csv.body());
        assertEquals(403, get(studio, target + "&ticket=" + second).statusCode(), "used once");
        assertEquals(403, get(studio, "/api/tables/users/rows?ticket=" + second).statusCode(), "tickets are for downloads only");
        assertEquals(400, post(studio, "/api/tickets", "{\"for\":\"/api/sql\"}", auth()).statusCode());
        assertEquals(401, post(studio, "/api/tickets", "{\"for\":\"" + target + "\"}").statusCode(), "tickets need the token");
    }

    @Test
    void browserPostsMustComeFromTheStudiosOrigin() throws Exception {
        String origin = StudioFixture.base(studio);
        String sql = "{\"sql\":\"select 1\"}";
        assertEquals(403, post(studio, "/api/sql", sql, StudioServer.HEADER, token, "Origin", "http://evil.example").statusCode());
        assertEquals(403, post(studio, "/api/sql", sql, StudioServer.HEADER, token, "Origin", "http://localhost:1").statusCode());
        assertEquals(200, post(studio, "/api/sql", sql, StudioServer.HEADER, token, "Origin", origin).statusCode());
        assertEquals(200, post(studio, "/api/sql", sql, auth()).statusCode(), "a script's request (no Origin) with the header");
    }

    @Test
    void badBodiesAreTheClientsFault() throws Exception {
        HttpResponse<String> malformed = post(studio, "/api/sql", "{\"sql\": ", auth());
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().contains("not valid JSON"), malformed.body());
        HttpResponse<String> big = post(studio, "/api/sql", "{\"sql\":\"select '" + "x".repeat(StudioServer.MAX_BODY) + "'\"}", auth());
        assertEquals(413, big.statusCode(), "over 1 MiB");
        assertTrue(big.body().contains("larger than 1 MiB"), big.body());
        HttpResponse<String> edits = post(studio, "/api/edits", "[1, 2]", auth());
        assertEquals(400, edits.statusCode(), edits.body());
    }

    @Test
    void onAWildcardAddressTheMachinesNamesAndAddressesAreItsHosts() throws Exception {
        // tests listen on 127.0.0.1 only: the Host rules of --host 0.0.0.0, checked without binding it
        java.util.Set<String> hosts = StudioServer.hosts("0.0.0.0", 4983);
        assertTrue(hosts.contains(budgetron.db.config.ProcessOwner.host() + ":4983"), hosts.toString());
        assertTrue(hosts.contains("127.0.0.1:4983") && hosts.contains("localhost:4983"), hosts.toString());
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    assertTrue(hosts.contains(a.getHostAddress() + ":4983"), "the machine's address " + a.getHostAddress() + ": " + hosts);
                }
            }
        }
        assertFalse(StudioServer.hosts("127.0.0.1", 4983).contains(budgetron.db.config.ProcessOwner.host() + ":4983"));
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        // DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends Host: evil.example
        try (Socket s = new Socket("127.0.0.1", studio.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/tables HTTP/1.1\r\nHost: evil.example:" + studio.port() + "\r\n" + StudioServer.HEADER + ": " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
        }
    }

    @Test
    void productionIsReadOnly() throws Exception {
        String edit = "{\"edits\":[{\"op\":\"update\",\"table\":\"users\",\"key\":{\"id\":\"" + adaId() + "\"},\"values\":{\"name\":\"Eve\"}}]}";
        HttpResponse<String> r = post(studio, "/api/edits", edit, auth());
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("--allow-writes"), r.body());
        for (String sql : List.of("UPDATE users SET name = 'Eve'", "DELETE FROM transactions", "DROP TABLE transactions",
                "COMMIT; DELETE FROM transactions", "SET transaction_read_only = off; DELETE FROM transactions",
                "DO $$ BEGIN SET LOCAL transaction_read_only = off; DELETE FROM transactions; END $$",
                "SELECT set_config('transaction_read_only', 'off', true)")) {
            HttpResponse<String> c = post(studio, "/api/sql", "{\"sql\":" + json(sql) + "}", auth());
            assertEquals(400, c.statusCode(), sql + " -> " + c.body());
            unchanged();
        }
        HttpResponse<String> read = post(studio, "/api/sql", "{\"sql\":\"SELECT count(*) AS n FROM transactions\"}", auth());
        assertEquals(200, read.statusCode());
        assertTrue(read.body().contains("\"n\":30"), read.body());
        HttpResponse<String> dry = post(studio, "/api/edits", edit.replace("]}", "],\"dryRun\":true}"), auth());
        assertEquals(200, dry.statusCode(), "the SQL an edit would run may still be shown");
        unchanged();
    }

    @Test
    void injectionAttemptsAreRefusedOrHarmless() throws Exception {
        List<String> refused = List.of(
                "/api/tables/" + enc("users\"; DROP TABLE users; --") + "/rows",
                "/api/tables/" + enc("pg_catalog.pg_authid") + "/rows",
                "/api/tables/users/rows?filter=" + enc("name\" = '' OR 1=1 --:eq:x"),
                "/api/tables/users/rows?filter=" + enc("name:eq;DROP TABLE users:x"),
                "/api/tables/users/rows?filter=" + enc("name:between:a"),
                "/api/tables/users/rows?sort=" + enc("name:asc; DROP TABLE users"),
                "/api/tables/users/rows?sort=" + enc("(SELECT 1):asc"),
                "/api/tables/users/rows?limit=" + enc("1; DROP TABLE users"),
                "/api/tables/users/rows?limit=100000");
        for (String path : refused) {
            HttpResponse<String> r = get(studio, path, auth());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode() + " " + r.body());
        }
        HttpResponse<String> value = get(studio, "/api/tables/users/rows?filter=" + enc("name:eq:x' OR '1'='1"), auth());
        assertEquals(200, value.statusCode());
        assertTrue(value.body().contains("\"count\":0"), "a value is only ever a value: " + value.body());
        HttpResponse<String> like = get(studio, "/api/tables/users/rows?filter=" + enc("email:like:%'; DROP TABLE users; --"), auth());
        assertEquals(200, like.statusCode());
        String badColumn = "{\"edits\":[{\"op\":\"update\",\"table\":\"users\",\"key\":{\"id\":\"" + adaId()
                + "\"},\"values\":{\"name\\\" = 'x', \\\"email\":\"y\"}}],\"dryRun\":true}";
        assertEquals(400, post(studio, "/api/edits", badColumn, auth()).statusCode());
        unchanged();
        assertEquals(13, TestDatabase.count(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'databasechangelog'"));
    }

    private static String adaId() throws Exception {
        return TestDatabase.queryOne(url, "SELECT id FROM users WHERE name = 'Ada'");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
