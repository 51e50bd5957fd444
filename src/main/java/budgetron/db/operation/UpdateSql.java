package budgetron.db.operation;

import budgetron.db.session.Session;

import java.io.Writer;

/** The SQL migrate would run, for review. Changes nothing. */
public final class UpdateSql {
    private UpdateSql() {
    }

    public static void run(Session session, Writer out) throws Exception {
        session.requireHistoryMatches();
        session.migrator().updateSql(out);
        out.flush();
    }
}
