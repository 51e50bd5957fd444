package budgetron.db.cli.studio;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL console: one statement per run. Read-only mode runs it in a READ ONLY transaction that
 * has already taken its snapshot (so the statement cannot switch it to read-write) and is rolled
 * back; one statement only, so that a COMMIT cannot end that transaction half-way through the text.
 */
public final class Console {
    public static final int MAX_ROWS = 1000;

    private Console() {
    }

    public static Map<String, Object> run(Connection c, String sql, boolean readOnly) throws SQLException {
        if (sql == null || sql.isBlank()) {
            throw new StudioException(400, "Write a statement to run.");
        }
        List<NativeQuery> statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
        long count = statements.stream().filter(q -> !q.nativeSql.isBlank()).count();
        if (count > 1) {
            throw new StudioException(400, "Run one statement at a time (" + count + " were given).");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (readOnly) {
                s.execute("SET TRANSACTION READ ONLY");
                s.execute("SELECT 1"); // takes the snapshot: from here on the transaction cannot become read-write
            }
            // in batches, and no more rows than are shown: a result of megabyte strings never sits in memory whole
            s.setFetchSize(10);
            s.setMaxRows(MAX_ROWS + 1);
            long started = System.nanoTime();
            boolean hasRows = s.execute(sql);
            Map<String, Object> out = new LinkedHashMap<>();
            if (hasRows) {
                try (ResultSet rs = s.getResultSet()) {
                    Rows.Page page = Rows.read(rs, MAX_ROWS, Rows.GRID_LIMIT);
                    out.put("columns", page.columns());
                    out.put("rows", page.rows());
                    out.put("more", page.more());
                }
            } else {
                out.put("updated", s.getUpdateCount());
            }
            out.put("millis", (System.nanoTime() - started) / 1_000_000);
            out.put("readOnly", readOnly);
            if (readOnly) {
                c.rollback();
            } else {
                c.commit();
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
