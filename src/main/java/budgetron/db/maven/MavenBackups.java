package budgetron.db.maven;

import budgetron.db.backup.BackupListener;
import budgetron.db.config.Project;
import budgetron.db.liquibase.Changelog;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/**
 * The backups of migrate for `mvn liquibase:update` and `liquibase:rollback` (pom.xml names this
 * class as the plugin's changeExecListenerClass): the same copies before a destructive change,
 * the same restore after a rollback, with the project's backup setting as EnvDriver read it.
 */
public class MavenBackups extends AbstractChangeExecListener {
    private final BackupListener backups;

    public MavenBackups(Database database) {
        Project project = EnvDriver.lastProject() != null ? EnvDriver.lastProject() : Project.at(java.nio.file.Path.of("")).load();
        this.backups = new BackupListener(Changelog.of(project), project.backups(), line -> System.out.println("[budgetron] " + line));
    }

    @Override
    public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        backups.willRun(change, changeSet, changelog, database);
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        backups.willRollback(changeSet, changelog, database);
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changelog, Database database) {
        backups.rolledBack(changeSet, changelog, database);
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog changelog, Database database, Exception exception) {
        backups.rollbackFailed(changeSet, changelog, database, exception);
    }
}
