package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Cli;
import budgetron.db.support.CliProcess;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** budgetron-db studio as a user starts it: one line with the address and token; a taken port named. */
class StudioCommandTest {
    @Test
    void printsTheAddressServesItAndStopsOnSignal() throws Exception {
        DbUrl url = TestDatabase.fresh();
        Process p = CliProcess.builder(Map.of(), "studio", "--db-url", url.toString(), "--port", "0").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            Matcher m = null;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                m = Pattern.compile("^budgetron-db studio: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=[A-Za-z0-9_-]{32})$").matcher(line);
                if (m.matches()) {
                    break;
                }
            }
            assertTrue(m != null && m.matches(), seen.toString());
            assertTrue(seen.toString().contains("Read-only (production)"), seen.toString());
            HttpResponse<String> r = StudioFixture.HTTP.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "the page, which reads the token from its address");
            String token = m.group(1).replaceFirst("^.*\\?token=", "");
            HttpResponse<String> info = StudioFixture.HTTP.send(HttpRequest.newBuilder(URI.create(m.group(1).replaceFirst("/\\?.*$", "/api/info")))
                    .header(StudioServer.HEADER, token).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(info.body().contains("\"access\":\"read-only as budgetron_studio_" + p.pid() + "_"), info.body());
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(2))));
            }
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops on a signal");
        }
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        DbUrl url = TestDatabase.fresh();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli r = Cli.run("studio", "--db-url", url.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, r.exitCode, r.toString());
            assertTrue(r.err.contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is taken"), r.toString());
            assertTrue(r.err.contains("--port"), r.toString());
            assertTrue(!r.all().contains("\tat "), "no stack trace");
        }
    }
}
