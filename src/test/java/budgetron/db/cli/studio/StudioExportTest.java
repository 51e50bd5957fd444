package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static budgetron.db.cli.studio.StudioFixture.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exports fail where the client sees it, and slow clients hold no transaction. */
class StudioExportTest {
    private static DbUrl url;
    private static Studio studio;

    @BeforeAll
    static void start() throws Exception {
        url = StudioFixture.budgetronWithData();
        // about 8 MB of CSV: more than the sockets buffer, so a client that does not read holds its download
        TestDatabase.execute(url, "INSERT INTO verifications (identifier, value, expires_at) "
                + "SELECT 'identifier-' || g, repeat('v', 60), now() FROM generate_series(1, 80000) g", "ANALYZE verifications");
        studio = StudioFixture.start(url, true, "production");
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    @Test
    void anExportThatCannotStartIsAnErrorWithTheReason() throws Exception {
        HttpResponse<String> bad = get(studio, "/api/tables/users/export?format=csv&filter=id:eq:bad", StudioServer.HEADER, studio.token());
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("invalid input syntax for type uuid"), bad.body());
        HttpResponse<String> missing = get(studio, "/api/tables/nope/export?format=csv", StudioServer.HEADER, studio.token());
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void anExportWhoseBackendIsTerminatedIsAServerErrorNotAShortFile() throws Exception {
        try (Connection holder = TestDatabase.connect(url); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE verifications IN ACCESS EXCLUSIVE MODE"); // the export's query waits here, mid-request
            CompletableFuture<HttpResponse<String>> export = StudioFixture.HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create(StudioFixture.base(studio) + "/api/tables/verifications/export?format=csv"))
                    .header(StudioServer.HEADER, studio.token()).build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long terminated = 0;
            while (terminated == 0 && System.nanoTime() < deadline) {
                terminated = TestDatabase.count(url, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = 'budgetron-db studio' AND wait_event_type = 'Lock'");
                Thread.sleep(50);
            }
            assertEquals(1, terminated, "the export's backend, waiting on the lock");
            HttpResponse<String> r = export.get();
            holder.rollback();
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("terminating connection"), r.body());
            assertTrue(r.body().contains("\"sqlState\":\"57P01\""), r.body());
        }
        HttpResponse<String> after = get(studio, "/api/tables/verifications/export?format=csv", StudioServer.HEADER, studio.token());
        assertEquals(200, after.statusCode(), "the pool replaced the connection");
        assertEquals(80001, after.body().split("\r\n").length);
        assertEquals(after.body().getBytes(StandardCharsets.UTF_8).length,
                Long.parseLong(after.headers().firstValue("Content-Length").orElseThrow()), "a length the client checks the body against");
    }

    @Test
    void slowDownloadsHoldNoTransactionAndTheStudioKeepsAnswering() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) { // more than the pool's four connections
                Socket s = new Socket("127.0.0.1", studio.port());
                s.setReceiveBufferSize(4096);
                OutputStream out = s.getOutputStream();
                out.write(("GET /api/tables/verifications/export?format=csv HTTP/1.1\r\nHost: 127.0.0.1:" + studio.port() + "\r\n"
                        + StudioServer.HEADER + ": " + studio.token() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                assertTrue(new String(in.readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"), "download " + i + " started");
                stalled.add(s); // and never read again
            }
            assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'budgetron-db studio%' "
                    + "AND state LIKE 'idle in transaction%'"), "no transaction waits on a client");
            HttpResponse<String> tables = get(studio, "/api/tables", StudioServer.HEADER, studio.token());
            assertEquals(200, tables.statusCode(), "other requests are answered while six downloads wait");
            TestDatabase.execute(url, "SET lock_timeout = '2s'", "ALTER TABLE verifications ADD COLUMN during_export int",
                    "ALTER TABLE verifications DROP COLUMN during_export");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }
}
