package budgetron.db.liquibase;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.changelog.visitor.ChangeExecListener;
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
 * the class overridden; a dynamic proxy of the JDBC connection cost 7 ms of every start. A rollback
 * is one transaction the same way (its statements, the history row's removal and the restore of its
 * backups, between willRollback and rolledBack). Observers (backups, a rehearsal's probe) hear every
 * event inside that transaction.
 */
final class AtomicChangesets extends AbstractChangeExecListener {
    private volatile boolean running;
    private final java.util.List<ChangeExecListener> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
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

    void observe(ChangeExecListener observer) {
        observers.add(observer);
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.RunStatus runStatus) {
        running = true;
        observers.forEach(o -> o.willRun(changeSet, changelog, database, runStatus));
    }

    /** Each change of a changeset, just before its statements run (after the changeset's preconditions, inside its transaction). */
    @Override
    public void willRun(liquibase.change.Change change, ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        observers.forEach(o -> o.willRun(change, changeSet, changelog, database));
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, ChangeSet.ExecType execType) {
        try {
            observers.forEach(o -> o.ran(changeSet, changelog, database, execType));
        } finally {
            running = false;
        }
        if (execType == ChangeSet.ExecType.EXECUTED || execType == ChangeSet.ExecType.RERAN) {
            ran.add(changeSet);
        }
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        running = true;
        observers.forEach(o -> o.willRollback(changeSet, changelog, database));
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        try {
            observers.forEach(o -> o.rolledBack(changeSet, changelog, database));
        } finally {
            running = false; // the visitor's commit that follows covers the rollback, the history row and the restore
        }
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Exception exception) {
        running = false;
        observers.forEach(o -> o.rollbackFailed(changeSet, changelog, database, exception));
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
        observers.forEach(o -> o.runFailed(changeSet, changelog, database, exception));
    }
}
