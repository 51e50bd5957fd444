package budgetron.db.spring;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The DataSource as the migration sees it: each connection with search_path public while the
 * migration holds it, and its own search_path (the release's schemas first, ReleaseConnections) again
 * when it goes back to the pool. Liquibase's history and every changeset live in public; a release
 * schema first in the path would make Liquibase look for its history there.
 */
final class PublicSchema {
    private PublicSchema() {
    }

    static DataSource of(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(PublicSchema.class.getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, args) -> {
            Object out = call(pool, m, args);
            if (out instanceof Connection c && m.getName().equals("getConnection")) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET search_path TO public");
                }
                return connection(c);
            }
            return out;
        });
    }

    private static Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(PublicSchema.class.getClassLoader(), new Class<?>[]{Connection.class}, (p, m, args) -> {
            if (m.getName().equals("close") && !c.isClosed()) {
                boolean auto = c.getAutoCommit();
                if (!auto) {
                    c.rollback(); // nothing is left open by the migration; RESET must not join a failed transaction
                }
                try (Statement s = c.createStatement()) {
                    s.execute("RESET search_path"); // back to the connection's own (currentSchema at connect)
                }
                if (!auto) {
                    c.commit();
                }
            }
            return call(c, m, args);
        });
    }

    private static Object call(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
