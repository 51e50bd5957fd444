package budgetron.db.cli.studio;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result rows as JSON values: booleans and integers as JSON, numeric as text (no precision lost in
 * JavaScript), everything else in PostgreSQL's own text form (dates, uuids, enums, arrays, json),
 * which is also what an edit sends back. Long values are cut for the grid and say so.
 */
public final class Rows {
    public static final int GRID_LIMIT = 500;

    private Rows() {
    }

    public record Page(List<String> columns, List<Map<String, Object>> rows, List<List<String>> truncated, boolean more) {
    }

    public static Page read(ResultSet rs, int maxRows, int maxChars) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<String>> truncated = new ArrayList<>();
        boolean more = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                more = true;
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            List<String> cut = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                Object value = value(rs, i);
                if (value instanceof String s && maxChars > 0 && s.length() > maxChars) {
                    value = s.substring(0, maxChars);
                    cut.add(columns.get(i - 1));
                }
                row.put(columns.get(i - 1), value);
            }
            rows.add(row);
            truncated.add(cut);
        }
        return new Page(columns, rows, truncated, more);
    }

    static Object value(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null) {
            return null;
        }
        if (o instanceof Boolean || o instanceof Integer || o instanceof Long || o instanceof Short) {
            return o;
        }
        if (o instanceof Double d && Double.isFinite(d) || o instanceof Float f && Float.isFinite(f)) {
            return o;
        }
        if (o instanceof BigDecimal) {
            return rs.getString(i);
        }
        return rs.getString(i);
    }
}
