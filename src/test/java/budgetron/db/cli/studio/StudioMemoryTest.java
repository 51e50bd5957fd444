package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.CliProcess;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's memory is bounded by what it shows, not by what the query could return: a studio
 * process with a 160 MB heap answers a query of 20,000 one-megabyte strings (20 GB) with its first
 * 1,000 rows, cut for the grid, and keeps serving.
 */
class StudioMemoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTwentyGigabyteResultIsStreamedNotHeld() throws Exception {
        DbUrl url = TestDatabase.fresh();
        Process studio = CliProcess.builder(List.of("-Xmx160m"), Map.of(), "studio", "--db-url", url.toString(), "--port", "0").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(studio.getInputStream(), StandardCharsets.UTF_8));
            String address = null;
            StringBuilder printed = new StringBuilder();
            for (String line; address == null && (line = out.readLine()) != null; ) {
                printed.append(line).append('\n');
                if (line.startsWith("budgetron-db studio: ")) {
                    address = line.substring("budgetron-db studio: ".length());
                }
            }
            assertTrue(address != null, "the studio printed its address:\n" + printed);
            assertTrue(printed.toString().contains("Read-only (production)"), printed.toString());
            String base = address.replaceFirst("/\\?token=.*$", "");
            String token = address.replaceFirst("^.*\\?token=", "");
            HttpResponse<String> r = StudioFixture.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/sql"))
                    .timeout(Duration.ofMinutes(2)).header(StudioServer.HEADER, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT g, repeat('x', 1000000) AS big FROM generate_series(1, 20000) g\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body().substring(0, Math.min(500, r.body().length())));
            JsonNode answer = JSON.readTree(r.body());
            assertEquals(Console.MAX_ROWS, answer.get("rows").size());
            assertTrue(answer.get("more").asBoolean(), "says there is more than it shows");
            assertTrue(answer.get("rows").get(0).get("big").asText().length() <= Rows.GRID_LIMIT + 10, "values cut for the grid");
            String status = Files.readString(Path.of("/proc", String.valueOf(studio.pid()), "status"));
            String peak = status.lines().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?");
            System.out.println("[StudioMemoryTest] studio process peak resident memory after the query: " + peak.substring(6).strip());
            assertEquals(200, StudioFixture.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/tables")).header(StudioServer.HEADER, token)
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "still serving");
            assertTrue(studio.isAlive());
        } finally {
            studio.destroy(); // SIGTERM: the shutdown hook closes the studio and drops its role
            assertTrue(studio.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'budgetron\\_studio\\_" + studio.pid() + "\\_%'"),
                "Ctrl-C (SIGTERM) drops the studio's role");
    }
}
