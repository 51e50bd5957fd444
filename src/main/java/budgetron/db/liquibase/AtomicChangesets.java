package budgetron.db.liquibase;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * Makes each changeset and its history row one transaction. Liquibase 4.33 commits a changeset's
 * statements (ChangeSet.execute), then inserts its DATABASECHANGELOG row and commits again
 * (UpdateVisitor): a process killed between the two leaves the change applied but unrecorded, and
 * the next run applies it twice. Here the connection ignores commits while a changeset is running
 * (between willRun and ran), so the second commit covers both.
 */
final class AtomicChangesets extends AbstractChangeExecListener {
    private volatile boolean running;

    Connection wrap(Connection raw) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (running && method.getName().equals("commit") && method.getParameterCount() == 0 && !raw.getAutoCommit()) {
                        return null;
                    }
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.RunStatus runStatus) {
        running = true;
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.ExecType execType) {
        running = false;
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Exception exception) {
        running = false;
    }
}
