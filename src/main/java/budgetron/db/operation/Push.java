package budgetron.db.operation;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Rules;
import budgetron.db.generate.Change;
import budgetron.db.generate.Generator;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.schema.EntityClasses;
import budgetron.db.session.Session;

import java.sql.Connection;
import java.sql.Statement;
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

    public static Result run(Session session, EntityClasses entities, boolean acceptDataLoss, boolean dropAndAdd) throws Exception {
        Rules.pushAllowed(session.environment());
        try (AdvisoryLock lock = session.lock()) {
            List<Change> changes = Generator.diff(session, entities, dropAndAdd).changes();
            if (changes.isEmpty()) {
                return new Result(changes);
            }
            List<Change> lossy = changes.stream().filter(Change::destructive).filter(c -> c.title().startsWith("drop ")).toList();
            if (!lossy.isEmpty() && !acceptDataLoss) {
                throw new ConfigException("push would lose data: " + String.join("; ", lossy.stream().map(Change::title).toList())
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
