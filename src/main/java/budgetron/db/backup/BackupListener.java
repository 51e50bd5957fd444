package budgetron.db.backup;

import budgetron.db.config.Progress;
import budgetron.db.liquibase.Changelog;
import budgetron.db.lint.ChangesetReader;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups around Liquibase's own run, on the migrating connection and inside each changeset's
 * transaction: before a changeset's statements run, a copy of what they destroy (when backups are
 * on and the changeset does not say `-- backup:off`); after a changeset's rollback, its copies put
 * back (always: a copy that exists is restored whatever the setting is now).
 */
public final class BackupListener extends AbstractChangeExecListener {
    private final Changelog changelog;
    private final boolean take;
    private final Progress progress;
    private final List<String> log = new ArrayList<>();
    /** Between willRollback and rolledBack: Liquibase announces the rollback's changes as changes that run, too. */
    private boolean rollingBack;

    public BackupListener(Changelog changelog, boolean take, Progress progress) {
        this.changelog = changelog;
        this.take = take;
        this.progress = progress;
    }

    /** What was copied and restored so far, one line each ("copied 50 values of users.nickname …"). */
    public List<String> log() {
        return List.copyOf(log);
    }

    /**
     * Before each change's statements (not at the changeset's start: Liquibase rolls back after
     * checking preconditions, which would undo a copy made earlier), inside the changeset's transaction.
     */
    @Override
    public void willRun(liquibase.change.Change change, ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        if (!take || rollingBack) {
            return;
        }
        try {
            if (new ChangesetReader(database, this.changelog).read(changeSet).backupOff() != null) {
                return;
            }
            Connection c = connection(database);
            Backups.Owner owner = owner(changeSet);
            for (String statement : budgetron.db.liquibase.Migrator.sql(change.generateStatements(database), database)) {
                backUp(c, owner, statement, changeSet.getId());
            }
        } catch (SQLException | liquibase.exception.LiquibaseException | RuntimeException e) {
            throw new BackupException("Could not back up what changeset " + changeSet.getId() + " destroys, so it was not run: "
                    + String.valueOf(e.getMessage()).split("\n")[0] + ". Fix the cause, or, if its data may go, put a line `-- backup:off REASON` "
                    + "in the changeset or set backups=off.", e);
        }
    }

    /**
     * A rollback destroys too (the rollback of an ADD COLUMN drops the values written since): those are
     * copied under the changeset's id with "#rollback", listed by `backups`, put back by hand if needed.
     */
    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        rollingBack = true;
        if (!take) {
            return;
        }
        try {
            budgetron.db.lint.ChangesetSql cs = new ChangesetReader(database, this.changelog).read(changeSet);
            if (cs.backupOff() != null) {
                return;
            }
            Backups.Owner owner = new Backups.Owner(changeSet.getId() + "#rollback", changeSet.getAuthor(), changeSet.getFilePath());
            for (String statement : cs.rollback()) {
                backUp(connection(database), owner, statement, "rolling back " + changeSet.getId());
            }
        } catch (SQLException | liquibase.exception.LiquibaseException | RuntimeException e) {
            throw new BackupException("Could not back up what the rollback of " + changeSet.getId() + " destroys, so it was not run: "
                    + String.valueOf(e.getMessage()).split("\n")[0] + ". Fix the cause, or put a line `-- backup:off REASON` in the "
                    + "changeset or set backups=off.", e);
        }
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Exception exception) {
        rollingBack = false;
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        rollingBack = false;
        try {
            for (String line : Backups.restore(connection(database), owner(changeSet))) {
                say(changeSet.getId() + ": " + line);
            }
        } catch (SQLException e) {
            throw new BackupException("The rollback of " + changeSet.getId() + " ran, but putting back its backed-up data failed: "
                    + e.getMessage().split("\n")[0] + "; nothing of the rollback was kept (one transaction). `budgetron-db backups` lists the copies.", e);
        }
    }

    /** Copies what one statement destroys, saying so for each copy: "Backed up 50 values of users.nickname before 0011 (…)". */
    private void backUp(Connection c, Backups.Owner owner, String statement, String before) throws SQLException {
        for (Destroyed d : Destroyed.by(statement)) {
            Backups.Entry e = Backups.take(c, owner, d, statement);
            if (e != null) {
                say("Backed up " + e.rows() + " " + what(e) + " before " + before + " (" + e.backupTable() + ")");
            }
        }
    }

    private void say(String line) {
        log.add(line);
        progress.say(line);
    }

    private static String what(Backups.Entry e) {
        return switch (e.kind()) {
            case "table" -> "rows of " + e.table();
            case "rows" -> "deleted rows of " + e.table();
            case "column" -> "values of " + e.table() + "." + e.column();
            default -> "changed values of " + e.table() + "." + e.column();
        };
    }

    private static Backups.Owner owner(ChangeSet cs) {
        return new Backups.Owner(cs.getId(), cs.getAuthor(), cs.getFilePath());
    }

    private static Connection connection(Database database) {
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }

    /** A backup that could not be taken or put back: the changeset or its rollback did not happen. */
    public static final class BackupException extends budgetron.db.config.ConfigException {
        BackupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
