package budgetron.db.liquibase;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

import java.sql.Connection;

/**
 * Makes each changeset and its history row one transaction. Liquibase 4.33 commits a changeset's
 * statements (ChangeSet.execute), then inserts its DATABASECHANGELOG row and commits again
 * (UpdateVisitor): a process killed between the two leaves the change applied but unrecorded, and
 * the next run applies it twice. Here the connection ignores commits while a changeset is running
 * (between willRun and ran), so the second commit covers both. Liquibase commits only through its
 * JdbcConnection (nothing in liquibase-core calls java.sql.Connection.commit otherwise), so that is
 * the class overridden; a dynamic proxy of the JDBC connection cost 7 ms of every start.
 */
final class AtomicChangesets extends AbstractChangeExecListener {
    private volatile boolean running;
    /** What actually ran (executed or re-ran), in order: migrate reports these. */
    private final java.util.List<ChangeSet> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

    JdbcConnection wrap(Connection raw) {
        return new JdbcConnection(raw) {
            @Override
            public void commit() throws DatabaseException {
                if (!running) {
                    super.commit();
                }
            }
        };
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.RunStatus runStatus) {
        running = true;
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.ExecType execType) {
        running = false;
        if (execType == ChangeSet.ExecType.EXECUTED || execType == ChangeSet.ExecType.RERAN) {
            ran.add(changeSet);
        }
    }

    /** The changesets run since the last call, and forgets them. */
    java.util.List<ChangeSet> drainRan() {
        java.util.List<ChangeSet> out = java.util.List.copyOf(ran);
        ran.clear();
        return out;
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Exception exception) {
        running = false;
    }
}
