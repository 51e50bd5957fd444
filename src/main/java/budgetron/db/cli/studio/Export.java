package budgetron.db.cli.studio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** A view written out whole, row by row: CSV (RFC 4180, header line) or a JSON array of objects. */
final class Export {
    private Export() {
    }

    static void write(ResultSet rs, boolean json, OutputStream out) throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        if (json) {
            try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
                g.writeStartArray();
                while (rs.next()) {
                    g.writeStartObject();
                    for (int i = 1; i <= n; i++) {
                        g.writeObjectField(md.getColumnLabel(i), Rows.value(rs, i));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            return;
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (int i = 1; i <= n; i++) {
            w.write((i > 1 ? "," : "") + csv(md.getColumnLabel(i)));
        }
        w.write("\r\n");
        while (rs.next()) {
            for (int i = 1; i <= n; i++) {
                String v = rs.getString(i);
                w.write((i > 1 ? "," : "") + (v == null ? "" : csv(v)));
            }
            w.write("\r\n");
        }
        w.flush();
    }

    static String csv(String s) {
        boolean quote = s.isEmpty() || s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
