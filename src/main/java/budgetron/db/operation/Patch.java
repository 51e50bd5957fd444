package budgetron.db.operation;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Rules;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.HistoryCheck;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.SchemaDump;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-syncs the history with the changelog (Budgetron's db:patch-migrations), for a database whose
 * schema is right and whose history is not (after push): every changeset marked applied with its
 * current checksum, unknown rows removed. Refused when the schema differs, unless forced; production
 * needs confirmation (Rules).
 */
public final class Patch {
    /**
     * @param differences how the live schema differs from what the changelog builds (- changelog, + live)
     * @param removed     history rows the changelog does not know, deleted
     */
    public record Result(List<String> differences, List<String> removed, int marked, int applied) {
    }

    private Patch() {
    }

    public static Result run(Session session, boolean force, boolean confirmed) throws Exception {
        Rules.confirmed(session.environment(), confirmed, "Patching the history");
        try (AdvisoryLock lock = session.lock()) {
            String expected;
            try (ScratchDatabase scratch = session.scratch()) {
                expected = SchemaDump.of(ExpectedSchema.catalog(scratch, session.changelog(), -1));
            }
            List<String> differences = ExpectedSchema.differences(expected, SchemaDump.of(session.connection()));
            if (!differences.isEmpty() && !force) {
                throw new ConfigException("Refusing to patch: the live schema differs from what the changelog builds (- changelog, + live): "
                        + String.join("; ", differences) + ". Marking the changelog applied would hide these differences. "
                        + "Bring the schema in line (or add a changeset), or pass --force if you accept them.");
            }
            Migrator migrator = session.migrator();
            HistoryCheck check = HistoryCheck.of(migrator.changelog(), migrator.applied());
            Connection c = session.connection();
            List<String> removed = new ArrayList<>();
            for (String unknown : check.unknown()) {
                String[] parts = unknown.split("::");
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM databasechangelog WHERE filename = ? AND id = ? AND author = ?")) {
                    ps.setString(1, parts[0]);
                    ps.setString(2, parts[1]);
                    ps.setString(3, parts[2]);
                    ps.executeUpdate();
                }
                removed.add(unknown);
            }
            try (Statement s = c.createStatement()) {
                // Liquibase stores the current checksum wherever this is null, at the validation below
                s.executeUpdate("UPDATE databasechangelog SET md5sum = NULL");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            migrator.forgetCachedHistory();
            int marked = migrator.pending().size();
            migrator.markAllApplied();
            migrator.validate(); // stores the current checksums
            return new Result(differences, removed, marked, migrator.applied().size());
        }
    }
}
