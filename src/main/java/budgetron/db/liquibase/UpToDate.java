package budgetron.db.liquibase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The container-start question, "anything to migrate?", answered with one query before Liquibase
 * starts: every changeset of the index is in the history with the same checksum, and the history
 * holds nothing else. Any doubt (no index, no history table, a null or different checksum, an
 * unknown row, runAlways/runOnChange/contexts in the changelog) answers "not sure", and migrate
 * takes the full Liquibase path, which gives Liquibase's own answer.
 */
public final class UpToDate {
    private UpToDate() {
    }

    public static boolean check(Connection c, ChangelogIndex index) {
        if (index == null || index.unsupported() != null || !DefaultNames.inEffect()) {
            return false;
        }
        Map<String, String> history = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT filename, id, author, md5sum FROM databasechangelog")) {
            while (rs.next()) {
                history.put(rs.getString(1) + "::" + rs.getString(2) + "::" + rs.getString(3), rs.getString(4));
            }
        } catch (SQLException e) {
            return false; // no history table yet, or not readable: let Liquibase decide
        } finally {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the full path opens its own transaction
            }
        }
        if (history.size() != index.changesets().size()) {
            return false;
        }
        for (ChangelogIndex.Entry e : index.changesets()) {
            String checksum = history.get(e.file() + "::" + e.id() + "::" + e.author());
            if (checksum == null || !checksum.equals(e.checksum())) {
                return false;
            }
        }
        return true;
    }
}
