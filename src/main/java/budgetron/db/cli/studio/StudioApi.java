package budgetron.db.cli.studio;

import budgetron.db.config.DbUrl;
import budgetron.db.cli.diagram.SchemaDiagram;
import budgetron.db.drift.Drift;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The studio's JSON API; every answer is a value the server writes as JSON (or text, for SVG and exports). */
public final class StudioApi {
    /** Up to this many rows (by the planner's estimate) a view's count is exact. */
    public static final long EXACT_COUNT_UP_TO = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource pool;
    private final StudioAccess access;
    private final boolean readOnly;
    private final String environment;
    private final DbUrl url;
    private final Changelog changelog;

    StudioApi(StudioAccess access, boolean readOnly, String environment, DbUrl url, Changelog changelog) {
        this.access = access;
        this.pool = access.pool();
        this.readOnly = readOnly;
        this.environment = environment;
        this.url = url;
        this.changelog = changelog;
    }

    Object info() {
        return Map.of("environment", environment, "readOnly", readOnly, "database", url.toString(),
                "exactCountUpTo", EXACT_COUNT_UP_TO, "console", access.consoleAllowed(), "access", access.description());
    }

    Object tables() throws SQLException {
        try (Connection c = pool.getConnection()) {
            List<Map<String, Object>> out = new ArrayList<>();
            forgetTables(); // the sidebar's refresh also refreshes what the studio knows of the tables
            for (TableMeta t : tables(c).values()) {
                long rows = t.estimate();
                boolean exact = false;
                if (rows >= 0 && rows <= EXACT_COUNT_UP_TO || rows < 0) {
                    RowQuery.Count count = new RowQuery(t, List.of(), List.of(), 1, 0).count(c, EXACT_COUNT_UP_TO, false, 100);
                    rows = count.count();
                    exact = count.exact();
                }
                out.add(Map.of("name", t.name(), "rows", rows, "rowsExact", exact));
            }
            return Map.of("tables", out);
        }
    }

    Object structure(String table) throws SQLException {
        try (Connection c = pool.getConnection()) {
            TableMeta t = table(c, table);
            Catalog catalog = Catalog.read(c);
            List<Map<String, Object>> constraints = new ArrayList<>();
            catalog.constraints().values().stream().filter(co -> co.table().equals(t.name()))
                    .forEach(co -> constraints.add(Map.of("name", co.name(), "type", String.valueOf(co.type()), "definition", co.definition())));
            List<Map<String, Object>> indexes = new ArrayList<>();
            catalog.indexes().values().stream().filter(i -> i.table().equals(t.name()))
                    .forEach(i -> indexes.add(Map.of("name", i.name(), "definition", i.definition())));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", t.name());
            out.put("columns", t.columns().values());
            out.put("primaryKey", t.primaryKey());
            out.put("foreignKeys", t.foreignKeys());
            out.put("referencedBy", t.referencedBy());
            out.put("constraints", constraints);
            out.put("indexes", indexes);
            return out;
        }
    }

    private Map<String, TableMeta> cachedTables;
    private long cachedAt;

    /**
     * The catalog's tables, read again after two seconds or after anything the studio wrote: cheap
     * (a few ms) but on every request of a page it adds up. Changes made elsewhere show within 2 s.
     */
    private synchronized Map<String, TableMeta> tables(Connection c) throws SQLException {
        if (cachedTables == null || System.nanoTime() - cachedAt > 2_000_000_000L) {
            cachedTables = TableMeta.read(c);
            cachedAt = System.nanoTime();
        }
        return cachedTables;
    }

    private synchronized void forgetTables() {
        cachedTables = null;
    }

    private TableMeta table(Connection c, String name) throws SQLException {
        TableMeta t = tables(c).get(name);
        if (t == null) {
            throw new StudioException(404, "No table '" + name + "' in the public schema.");
        }
        return t;
    }

    private static RowQuery view(TableMeta t, Request r) {
        return new RowQuery(t, r.all("filter"), r.all("sort"), r.integer("limit", 50), r.integer("offset", 0));
    }

    Object rows(String table, Request r) throws SQLException {
        try (Connection c = pool.getConnection()) {
            long started = System.nanoTime();
            RowQuery q = view(table(c, table), r);
            Rows.Page page;
            try (PreparedStatement ps = q.prepareRows(c, true); ResultSet rs = ps.executeQuery()) {
                page = Rows.read(rs, RowQuery.MAX_LIMIT, Rows.GRID_LIMIT);
            }
            int limit = r.integer("limit", 50);
            int offset = r.integer("offset", 0);
            RowQuery.Count count;
            if (page.rows().size() < limit && (offset == 0 || !page.rows().isEmpty())) {
                // a short page is the last one: the count is known without asking
                count = new RowQuery.Count(offset + page.rows().size(), true);
            } else {
                // the exact count gets what is left of a 120 ms answer; past that, the planner's estimate
                int left = (int) Math.max(15, 120 - (System.nanoTime() - started) / 1_000_000);
                count = q.count(c, EXACT_COUNT_UP_TO, "true".equals(r.one("exact", "false")), left);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("count", count.count());
            out.put("countExact", count.exact());
            out.put("columns", page.columns());
            out.put("rows", page.rows());
            out.put("truncated", page.truncated());
            return out;
        }
    }

    Object showAsSql(String table, Request r) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return Map.of("sql", view(table(c, table), r).showAsSql());
        }
    }

    /** The child rows of one row, per foreign key that references its table: counts and the filter that lists them. */
    Object children(String table, Request r) throws SQLException {
        try (Connection c = pool.getConnection()) {
            TableMeta parent = table(c, table);
            Map<String, TableMeta> all = tables(c);
            List<Map<String, Object>> out = new ArrayList<>();
            for (TableMeta.ForeignKey fk : parent.referencedBy()) {
                List<String> filters = new ArrayList<>();
                for (int i = 0; i < fk.columns().size(); i++) {
                    String value = r.one(fk.refColumns().get(i), null);
                    if (value == null) {
                        throw new StudioException(400, "Give the row's " + fk.refColumns().get(i) + " to list its children.");
                    }
                    filters.add(fk.columns().get(i) + ":eq:" + value);
                }
                RowQuery q = new RowQuery(all.get(fk.table()), filters, List.of(), 1, 0);
                RowQuery.Count count = q.count(c, EXACT_COUNT_UP_TO, false, 100);
                out.add(Map.of("table", fk.table(), "constraint", fk.name(), "columns", fk.columns(), "count", count.count(),
                        "countExact", count.exact(), "filter", filters));
            }
            return Map.of("children", out);
        }
    }

    Object sql(Request r) throws SQLException, IOException {
        JsonNode body = JSON.readTree(r.body());
        String sql = body == null || body.get("sql") == null ? null : body.get("sql").asText();
        try (Connection c = access.consoleConnection()) {
            return Console.run(c, sql, readOnly);
        } finally {
            forgetTables();
        }
    }

    Object edits(Request r) throws SQLException, IOException {
        JsonNode body = JSON.readTree(r.body());
        if (body == null || !body.has("edits") || !body.get("edits").isArray()) {
            throw new StudioException(400, "Send {\"edits\": [{\"op\": \"update\", \"table\": …, \"key\": {…}, \"values\": {…}}]}.");
        }
        List<Edits.Edit> edits = new ArrayList<>();
        for (JsonNode e : body.get("edits")) {
            edits.add(JSON.treeToValue(e, Edits.Edit.class));
        }
        boolean dryRun = body.has("dryRun") && body.get("dryRun").asBoolean();
        try (Connection c = pool.getConnection()) {
            Map<String, TableMeta> tables = tables(c);
            forgetTables();
            if (dryRun) {
                return Map.of("sql", Edits.preview(edits, tables), "saved", false);
            }
            if (readOnly) {
                throw new StudioException(403, "This studio is read-only (" + environment + "): start it with --allow-writes to edit.");
            }
            return Map.of("sql", Edits.apply(c, edits, tables), "saved", true);
        }
    }

    String diagram() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return SchemaDiagram.svg(Catalog.read(c), true);
        }
    }

    Object history(Request r) throws Exception {
        try (Connection c = pool.getConnection(); Migrator m = new Migrator(c, changelog)) {
            List<RanChangeSet> applied = m.applied();
            List<ChangeSet> pending = m.pending();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("applied", applied.stream().map(ran -> Map.of("id", ran.getId(), "file", ran.getChangeLog(),
                    "executedAt", ran.getDateExecuted().toInstant().toString(), "execType", ran.getExecType().name())).toList());
            out.put("pending", pending.stream().map(cs -> Map.of("id", cs.getId(), "file", cs.getFilePath())).toList());
            if ("true".equals(r.one("drift", "false"))) {
                Drift drift;
                try (budgetron.db.schema.ScratchDatabase scratch = budgetron.db.schema.ScratchDatabase.on(url)) {
                    drift = Drift.of(c, scratch, changelog, applied.size());
                }
                out.put("drift", Map.of("drift", drift.drifted(), "differences", drift.differences()));
            }
            return out;
        }
    }

    /**
     * The whole view (no paging) as CSV or JSON in a temporary file, read in batches in one
     * transaction that ends when the last row is written: the caller deletes the file once sent.
     */
    java.nio.file.Path spoolExport(String table, Request r) throws SQLException, IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("budgetron-studio-export-", ".tmp");
        try (Connection c = pool.getConnection()) {
            RowQuery q = view(table(c, table), r);
            c.setAutoCommit(false); // lets pgjdbc fetch in batches
            try (PreparedStatement ps = q.prepareRows(c, false); java.io.OutputStream out =
                    new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    Export.write(rs, "json".equals(r.one("format", "csv")), out);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return file;
        } catch (SQLException | IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(file);
            throw e;
        }
    }
}
