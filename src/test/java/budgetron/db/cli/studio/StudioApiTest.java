package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static budgetron.db.cli.studio.StudioFixture.get;
import static budgetron.db.cli.studio.StudioFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API on a writable (development) studio: views, counts, edits in one transaction, children, export. */
class StudioApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DbUrl url;
    private static Studio studio;

    @BeforeAll
    static void start() throws Exception {
        url = StudioFixture.budgetronWithData();
        studio = StudioFixture.start(url, false, "development");
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(studio, path, StudioServer.HEADER, studio.token());
        assertEquals(200, r.statusCode(), path + " -> " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(studio, path, body, StudioServer.HEADER, studio.token());
    }

    @Test
    void everyFilterOperatorAgreesWithPostgres() throws Exception {
        Map<String, String> cases = Map.of(
                "currency:eq:INR", "currency = 'INR'",
                "currency:ne:INR", "currency <> 'INR'",
                "amount:lt:10.5", "amount < 10.5",
                "amount:gte:10.5", "amount >= 10.5",
                "date:gt:2025-01-20", "date > '2025-01-20'",
                "description:like:tx 1%", "description LIKE 'tx 1%'",
                "description:ilike:TX 2%", "description ILIKE 'TX 2%'",
                "notes:null", "notes IS NULL",
                "category_id:notnull", "category_id IS NOT NULL",
                "type:eq:EXPENSE", "type = 'EXPENSE'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode r = getJson("/api/tables/transactions/rows?filter=" + enc(c.getKey()) + "&limit=1000");
            long expected = TestDatabase.count(url, "SELECT count(*) FROM transactions WHERE " + c.getValue());
            assertEquals(expected, r.get("count").asLong(), c.getKey());
            assertTrue(r.get("countExact").asBoolean());
            assertEquals(expected, r.get("rows").size(), c.getKey());
        }
        JsonNode both = getJson("/api/tables/transactions/rows?filter=currency:eq:INR&filter=" + enc("amount:lt:10"));
        assertEquals(TestDatabase.count(url, "SELECT count(*) FROM transactions WHERE currency = 'INR' AND amount < 10"), both.get("count").asLong());
    }

    @Test
    void sortLimitOffsetAndShowAsSql() throws Exception {
        JsonNode r = getJson("/api/tables/transactions/rows?sort=amount:desc&limit=5&offset=2");
        assertEquals(30, r.get("count").asLong());
        assertEquals(5, r.get("rows").size());
        assertEquals("28.5", r.get("rows").get(0).get("amount").asText(), "third largest first");
        assertTrue(r.get("rows").get(0).get("tags").asText().equals("{food}"));
        JsonNode sql = getJson("/api/tables/transactions/sql?filter=currency:eq:INR&sort=date:desc&limit=50");
        assertEquals("SELECT * FROM \"transactions\" WHERE \"currency\" = CAST('INR' AS text) ORDER BY \"date\" DESC, \"id\" LIMIT 50 OFFSET 0;",
                sql.get("sql").asText());
        assertEquals(10, TestDatabase.count(url, sql.get("sql").asText().replace("SELECT *", "SELECT count(*)").replaceAll(" ORDER BY.*", "")),
                "the SQL shown runs and means the same view");
    }

    @Test
    void largeTablesGetAnEstimateUnlessAnExactCountIsAsked() throws Exception {
        TestDatabase.execute(url, "INSERT INTO verifications (identifier, value, expires_at) "
                + "SELECT 'id' || g, 'v', now() FROM generate_series(1, 120000) g", "ANALYZE verifications");
        JsonNode r = getJson("/api/tables/verifications/rows?limit=10");
        assertFalse(r.get("countExact").asBoolean(), "no count(*) over a table the planner puts above 100,000 rows");
        assertTrue(Math.abs(r.get("count").asLong() - 120000) < 12000, r.get("count").toString());
        JsonNode exact = getJson("/api/tables/verifications/rows?limit=10&exact=true");
        assertTrue(exact.get("countExact").asBoolean());
        assertEquals(120000, exact.get("count").asLong());
        JsonNode filtered = getJson("/api/tables/verifications/rows?filter=identifier:eq:id7");
        assertTrue(filtered.get("countExact").asBoolean(), "a selective filter is counted exactly");
        assertEquals(1, filtered.get("count").asLong());
        JsonNode tables = getJson("/api/tables");
        for (JsonNode t : tables.get("tables")) {
            if (t.get("name").asText().equals("verifications")) {
                assertFalse(t.get("rowsExact").asBoolean());
            }
            if (t.get("name").asText().equals("transactions")) {
                assertEquals(30, t.get("rows").asLong());
            }
        }
        TestDatabase.execute(url, "DELETE FROM verifications", "ANALYZE verifications");
    }

    @Test
    void editsSaveTogetherOrNotAtAll() throws Exception {
        String ada = TestDatabase.queryOne(url, "SELECT id FROM users WHERE name = 'Ada'");
        String grace = TestDatabase.queryOne(url, "SELECT id FROM users WHERE name = 'Grace'");
        String failing = "{\"edits\":["
                + "{\"op\":\"update\",\"table\":\"users\",\"key\":{\"id\":\"" + ada + "\"},\"values\":{\"name\":\"Ada L.\"}},"
                + "{\"op\":\"update\",\"table\":\"users\",\"key\":{\"id\":\"" + grace + "\"},\"values\":{\"email\":\"ada@example.org\"}}]}";
        HttpResponse<String> r = postJson("/api/edits", failing);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("duplicate key value violates unique constraint"), r.body());
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Ada L.'"), "the first edit was rolled back too");

        String ok = "{\"edits\":["
                + "{\"op\":\"update\",\"table\":\"users\",\"key\":{\"id\":\"" + ada + "\"},\"values\":{\"name\":\"Ada L.\",\"role\":\"ADMIN\"}},"
                + "{\"op\":\"insert\",\"table\":\"users\",\"values\":{\"name\":\"Linus\",\"email\":\"linus@example.org\"}},"
                + "{\"op\":\"insert\",\"table\":\"feature_flags\",\"values\":{\"name\":\"x\",\"description\":\"y\",\"domains\":\"{a.org,b.org}\"}}]}";
        r = postJson("/api/edits", ok);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("UPDATE \\\"users\\\" SET \\\"name\\\" = CAST('Ada L.' AS text)"), r.body());
        assertEquals("ADMIN", TestDatabase.queryOne(url, "SELECT role FROM users WHERE name = 'Ada L.'"));
        assertEquals("b.org", TestDatabase.queryOne(url, "SELECT domains[2] FROM feature_flags WHERE name = 'x'"));
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Linus'"));

        String linus = TestDatabase.queryOne(url, "SELECT id FROM users WHERE name = 'Linus'");
        r = postJson("/api/edits", "{\"edits\":[{\"op\":\"delete\",\"table\":\"users\",\"key\":{\"id\":\"" + linus + "\"}},"
                + "{\"op\":\"delete\",\"table\":\"users\",\"key\":{\"id\":\"" + linus + "\"}}]}");
        assertEquals(409, r.statusCode(), "the second delete finds no row: " + r.body());
        assertEquals(1, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Linus'"), "nothing saved");
        r = postJson("/api/edits", "{\"edits\":[{\"op\":\"update\",\"table\":\"users\",\"key\":{\"id\":\"" + linus + "\"},\"values\":{\"role\":\"KING\"}}]}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("invalid input value for enum user_role_enum"), r.body());
        assertEquals(200, postJson("/api/edits", "{\"edits\":[{\"op\":\"delete\",\"table\":\"users\",\"key\":{\"id\":\"" + linus + "\"}}]}").statusCode());
        assertEquals(0, TestDatabase.count(url, "SELECT count(*) FROM users WHERE name = 'Linus'"));
    }

    @Test
    void childrenStructureConsoleAndExport() throws Exception {
        String account = TestDatabase.queryOne(url, "SELECT id FROM bank_accounts");
        JsonNode children = getJson("/api/tables/bank_accounts/children?id=" + account);
        boolean found = false;
        for (JsonNode c : children.get("children")) {
            if (c.get("columns").get(0).asText().equals("bank_account_id")) {
                assertEquals(30, c.get("count").asLong());
                assertEquals("bank_account_id:eq:" + account, c.get("filter").get(0).asText());
                found = true;
            }
        }
        assertTrue(found, children.toString());
        JsonNode structure = getJson("/api/tables/bank_accounts");
        JsonNode type = null;
        for (JsonNode c : structure.get("columns")) {
            if (c.get("name").asText().equals("type")) {
                type = c;
            }
        }
        assertEquals("[\"CHECKING\",\"CREDIT\",\"INVESTMENT\",\"SAVINGS\"]", type.get("enumLabels").toString().replace(" ", ""));
        assertTrue(structure.get("constraints").toString().contains("bank_accounts_name_type_userId_unique"));

        HttpResponse<String> console = postJson("/api/sql", "{\"sql\":\"UPDATE transactions SET notes = 'n' WHERE amount < 5\"}");
        assertEquals(200, console.statusCode(), console.body());
        assertTrue(console.body().contains("\"updated\":4"), console.body());
        assertEquals(4, TestDatabase.count(url, "SELECT count(*) FROM transactions WHERE notes = 'n'"), "development commits console writes");
        // where it may write, a statement's session state (a temporary table, migrate's lock) still ends with it
        assertEquals(200, postJson("/api/sql", "{\"sql\":\"CREATE TEMP TABLE kept (x int)\"}").statusCode());
        assertEquals(400, postJson("/api/sql", "{\"sql\":\"SELECT * FROM kept\"}").statusCode(), "a new session for each statement");
        assertEquals(200, postJson("/api/sql", "{\"sql\":\"SELECT pg_advisory_lock(" + budgetron.db.liquibase.AdvisoryLock.KEY + ")\"}").statusCode());
        try (java.sql.Connection c = TestDatabase.connect(url)) {
            assertTrue(budgetron.db.liquibase.AdvisoryLock.tryAcquire(c), "the migration lock is free again");
        }
        HttpResponse<String> error = postJson("/api/sql", "{\"sql\":\"SELECT nope FROM transactions\"}");
        assertEquals(400, error.statusCode());
        assertTrue(error.body().contains("column \\\"nope\\\" does not exist"), error.body());

        HttpResponse<String> csv = get(studio, "/api/tables/transactions/export?format=csv&filter=currency:eq:INR&sort=amount:asc",
                StudioServer.HEADER, studio.token());
        String[] lines = csv.body().split("\r\n");
        assertEquals(11, lines.length, "header and the 10 INR rows, not one page");
        assertTrue(lines[0].startsWith("id,external_id,created_at"));
        assertTrue(lines[1].contains(",3.5,INR,tx 3,"), lines[1]);
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("transactions.csv"));
        HttpResponse<String> json = get(studio, "/api/tables/transactions/export?format=json&filter=currency:eq:INR",
                StudioServer.HEADER, studio.token());
        assertEquals(10, JSON.readTree(json.body()).size());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
