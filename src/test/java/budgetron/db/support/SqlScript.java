package budgetron.db.support;

import budgetron.db.testing.PgDumpScript;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs a plain-text pg_dump (the reference drizzle-states files) through JDBC: the library's PgDumpScript. */
public final class SqlScript {
    private SqlScript() {
    }

    public static void run(Connection c, String script) throws SQLException {
        PgDumpScript.run(c, script);
    }
}
