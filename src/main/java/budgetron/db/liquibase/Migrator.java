package budgetron.db.liquibase;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.exception.LiquibaseException;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.ui.LoggerUIService;

import java.io.Writer;
import java.sql.Connection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Liquibase set up once for one connection and one changelog: every budgetron-db command goes
 * through here rather than building its own Liquibase.
 */
public final class Migrator implements AutoCloseable {
    static {
        quietLiquibase();
    }

    /** Held so that java.util.logging does not forget the level (it keeps loggers weakly). */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static void quietLiquibase() {
        // Liquibase's anonymous usage reporting would try the network at every run.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        // the update summary goes to the log, not stdout: commands print their own
        System.setProperty("liquibase.command.showSummaryOutput", "log");
    }

    private final Liquibase liquibase;
    private final Database database;
    private final AtomicChangesets atomic;

    public Migrator(Connection connection, Changelog changelog) throws LiquibaseException {
        this.atomic = new AtomicChangesets();
        this.database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(atomic.wrap(connection));
        this.liquibase = new Liquibase(changelog.masterFile(), changelog.accessor(), database);
        liquibase.setChangeExecListener(atomic);
    }

    private Migrator(Liquibase liquibase) {
        this.liquibase = liquibase;
        this.database = liquibase.getDatabase();
        this.atomic = null;
    }

    /** Liquibase without a database, to read the changelog (the build-time index). */
    public static Migrator offline(Changelog changelog) throws LiquibaseException {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        return new Migrator(new Liquibase(changelog.masterFile(), changelog.accessor(),
                new OfflineConnection("offline:postgresql", changelog.accessor())));
    }

    /** Runs Liquibase with its console output turned into log lines: the commands print their own summaries. */
    private <T> T quietly(Scope.ScopedRunnerWithReturn<T> work) throws LiquibaseException {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        try {
            return Scope.child(scope, work);
        } catch (LiquibaseException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e.getMessage(), e);
        }
    }

    public DatabaseChangeLog changelog() throws LiquibaseException {
        return quietly(liquibase::getDatabaseChangeLog);
    }

    public List<ChangeSet> pending() throws LiquibaseException {
        return quietly(() -> liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()));
    }

    /** A copy: Liquibase's own list is its cache, which it edits as it rolls back. */
    public List<RanChangeSet> applied() throws LiquibaseException {
        return quietly(() -> List.copyOf(database.getRanChangeSetList()));
    }

    /**
     * Applies every pending changeset; returns those that ran, in order. Reported from Liquibase's
     * own run rather than listed beforehand: listing the pending changesets walks the changelog
     * once more (20 ms of a fresh database's migrate), and a runOnChange changeset shows up here too.
     */
    public List<ChangeSet> update() throws LiquibaseException {
        atomic.drainRan();
        quietly(() -> {
            liquibase.update(new Contexts(), new LabelExpression());
            return null;
        });
        return atomic.drainRan();
    }

    public void update(int count) throws LiquibaseException {
        quietly(() -> {
            liquibase.update(count, new Contexts(), new LabelExpression());
            return null;
        });
    }

    public void updateSql(Writer out) throws LiquibaseException {
        quietly(() -> {
            liquibase.update(new Contexts(), new LabelExpression(), out);
            return null;
        });
    }

    public void validate() throws LiquibaseException {
        quietly(() -> {
            liquibase.validate();
            return null;
        });
    }

    public void tag(String tag) throws LiquibaseException {
        quietly(() -> {
            liquibase.tag(tag);
            return null;
        });
    }

    public void rollbackCount(int count) throws LiquibaseException {
        quietly(() -> {
            liquibase.rollback(count, null, new Contexts(), new LabelExpression());
            return null;
        });
    }

    public void rollbackToTag(String tag) throws LiquibaseException {
        quietly(() -> {
            liquibase.rollback(tag, null, new Contexts(), new LabelExpression());
            return null;
        });
    }

    public void rollbackToDate(Date date) throws LiquibaseException {
        quietly(() -> {
            liquibase.rollback(date, null, new Contexts(), new LabelExpression());
            return null;
        });
    }

    /** Records every changeset as applied without running it (Liquibase's changelogSync). */
    public void markAllApplied() throws LiquibaseException {
        quietly(() -> {
            liquibase.changeLogSync(new Contexts(), new LabelExpression());
            return null;
        });
    }

    /**
     * Records the pending changesets, in changelog order, as applied without running them, up to and
     * including the one whose id is lastId: how a database that Drizzle built is taken over.
     */
    public void markAppliedThrough(String lastId) throws LiquibaseException {
        quietly(() -> {
            for (ChangeSet cs : liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())) {
                // MARK_RAN: history shows these were recorded, not run by Liquibase
                database.markChangeSetExecStatus(cs, ChangeSet.ExecType.MARK_RAN);
                if (cs.getId().equals(lastId)) {
                    break;
                }
            }
            return null;
        });
    }

    /** Liquibase caches the history it read; call after changing the table with plain SQL. */
    public void forgetCachedHistory() {
        ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).reset();
    }

    /** Hears every changeset's run and rollback, inside its transaction (backups; a rehearsal's measurements). */
    public void observe(liquibase.changelog.visitor.ChangeExecListener observer) {
        atomic.observe(observer);
    }

    /** The SQL Liquibase runs for these statements on this database, as its executor renders them (one string each, split as it splits). */
    public static List<String> sql(SqlStatement[] statements, Database database) {
        List<String> out = new java.util.ArrayList<>();
        for (SqlStatement statement : statements) {
            for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                out.add(sql.toSql());
            }
        }
        return out;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() throws LiquibaseException {
        liquibase.close();
    }
}
