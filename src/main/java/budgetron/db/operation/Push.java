package budgetron.db.operation;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Rules;
import budgetron.db.generate.Change;
import budgetron.db.generate.Generator;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.schema.EntityClasses;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Sql;
import budgetron.db.session.Session;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Development only, for prototyping (drizzle-kit push): the entities' difference applied directly,
 * in one transaction, without a changeset. Refused in production (Rules); what loses data needs
 * acceptDataLoss.
 */
public final class Push {
    public record Result(List<Change> changes) {
    }

    private Push() {
    }

    /**
     * The type changes that would change values already stored: PostgreSQL casts each value to the new
     * type and back, and counts those that do not come back the same (a timestamp whose time of day a
     * date drops, a numeric whose decimals an integer rounds). A cast that fails counts too.
     */
    static List<String> lossyTypeChanges(Connection c, Catalog current, Catalog desired) throws SQLException {
        List<String> lossy = new ArrayList<>();
        for (Catalog.Table want : desired.tables().values()) {
            Catalog.Table have = current.tables().get(want.name());
            if (have == null) {
                continue;
            }
            for (Catalog.Column w : want.columns().values()) {
                Catalog.Column h = have.columns().get(w.name());
                if (h == null || h.type().equals(w.type()) || h.generated()) {
                    continue;
                }
                String col = Sql.id(w.name());
                String sql = "SELECT count(*) FROM " + Sql.rel(want.name()) + " WHERE " + col + " IS NOT NULL AND (" + col + "::" + w.type()
                        + ")::" + h.type() + " IS DISTINCT FROM " + col;
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        lossy.add("changing " + want.name() + "." + w.name() + " from " + h.type() + " to " + w.type() + " changes "
                                + rs.getLong(1) + " of its values");
                    }
                } catch (SQLException e) {
                    lossy.add("changing " + want.name() + "." + w.name() + " from " + h.type() + " to " + w.type() + " fails for its values ("
                            + e.getMessage().split("\n")[0] + ")");
                } finally {
                    c.rollback();
                    c.setAutoCommit(autoCommit);
                }
            }
        }
        return lossy;
    }

    public static Result run(Session session, EntityClasses entities, boolean acceptDataLoss, boolean dropAndAdd) throws Exception {
        Rules.pushAllowed(session.environment());
        try (AdvisoryLock lock = session.lock()) {
            Generator.Diff diff = Generator.diff(session, entities, dropAndAdd, false); // prototyping: in place, nothing else is running
            List<Change> changes = diff.changes();
            if (changes.isEmpty()) {
                return new Result(changes);
            }
            List<String> lossy = new ArrayList<>(changes.stream().filter(Change::destructive).filter(c -> c.title().startsWith("drop "))
                    .map(Change::title).toList());
            lossy.addAll(lossyTypeChanges(session.connection(), diff.current(), diff.desired()));
            if (!lossy.isEmpty() && !acceptDataLoss) {
                throw new ConfigException("push would lose data: " + String.join("; ", lossy)
                        + ". Pass --accept-data-loss if that is what you want.");
            }
            Connection c = session.connection();
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (Change change : changes) {
                    for (String sql : change.sql()) {
                        s.execute(sql);
                    }
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return new Result(changes);
        }
    }
}
