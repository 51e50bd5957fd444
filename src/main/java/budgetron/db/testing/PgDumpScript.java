package budgetron.db.testing;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a plain-text pg_dump through JDBC, its COPY … FROM stdin blocks included, so that restoring a
 * dump (a copy of production, a state of its history) needs no psql of the server's version.
 */
public final class PgDumpScript {
    private PgDumpScript() {
    }

    public static void run(Connection c, String script) throws SQLException {
        String[] lines = script.split("\n", -1);
        StringBuilder statement = new StringBuilder();
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (statement.length() == 0 && (line.isBlank() || line.startsWith("--"))) {
                    continue;
                }
                statement.append(line).append('\n');
                if (!line.endsWith(";")) {
                    continue;
                }
                String sql = statement.toString().strip();
                statement.setLength(0);
                if (sql.startsWith("COPY ") && sql.endsWith("FROM stdin;")) {
                    StringBuilder data = new StringBuilder();
                    while (!lines[++i].equals("\\.")) {
                        data.append(lines[i]).append('\n');
                    }
                    try {
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data.toString()));
                    } catch (IOException e) {
                        throw new SQLException(e);
                    }
                } else {
                    s.execute(sql);
                }
            }
        }
    }
}
