package budgetron.db.api;

import budgetron.db.config.ConfigException;
import budgetron.db.config.DbUrl;
import budgetron.db.config.Errors;
import budgetron.db.config.Progress;
import budgetron.db.config.Project;
import budgetron.db.config.Rules;
import budgetron.db.devdb.DevDatabase;
import budgetron.db.drift.Drift;
import budgetron.db.generate.Generator;
import budgetron.db.operation.Adopt;
import budgetron.db.operation.Contract;
import budgetron.db.operation.History;
import budgetron.db.operation.ListBackups;
import budgetron.db.operation.Migrate;
import budgetron.db.operation.Patch;
import budgetron.db.operation.Push;
import budgetron.db.operation.Rehearse;
import budgetron.db.operation.Rollback;
import budgetron.db.operation.Status;
import budgetron.db.operation.Tag;
import budgetron.db.operation.UpdateSql;
import budgetron.db.operation.Validate;
import budgetron.db.schema.EntityClasses;
import budgetron.db.session.Session;

import javax.sql.DataSource;
import java.io.Writer;
import java.nio.file.Path;

/**
 * budgetron-db as a Java API: one method per command, each opening one session (one connection,
 * the lock when it changes anything) and returning what happened. The CLI, the Maven goals, the
 * container and the Spring Boot auto-configuration are printing and exit codes over these calls.
 * <pre>{@code
 * BudgetronDb.migrate(dataSource);                          // an application's start, before JPA
 * BudgetronDb.forProject(Path.of(".")).status().pending();  // a checkout, with its .env and properties
 * }</pre>
 * A failure is a {@link ConfigException} (something the user can fix, its message says how) or a
 * {@link BudgetronDbException} with the same one-sentence message the CLI prints.
 */
public final class BudgetronDb {
    private final Project project;
    private final DataSource dataSource;
    private final DbUrl server;
    private final Progress progress;

    private BudgetronDb(Project project, DataSource dataSource, DbUrl server, Progress progress) {
        this.project = project;
        this.dataSource = dataSource;
        this.server = server;
        this.progress = progress;
    }

    /** A checkout or a container's folder: its changelog/ (else the jar's), properties files, .env and DB_URL, as the CLI reads them. */
    public static BudgetronDb forProject(Path dir) {
        return forProject(Project.at(dir).load());
    }

    public static BudgetronDb forProject(Project project) {
        return new BudgetronDb(project, null, null, Progress.log());
    }

    /** An application's DataSource: the changelog packed in the jar, production's rules, progress logged. */
    public static BudgetronDb forDataSource(DataSource dataSource) {
        return forDataSource(dataSource, Project.bundled());
    }

    /** The same with settings of the caller's (Project.bundledWith().setting(…)): an application's lock-wait, say. */
    public static BudgetronDb forDataSource(DataSource dataSource, Project settings) {
        return new BudgetronDb(settings, dataSource, null, Progress.log());
    }

    /** What an application calls before its EntityManagerFactory is built: everything `budgetron-db migrate` does. */
    public static Migrate.Result migrate(DataSource dataSource) {
        return forDataSource(dataSource).migrate();
    }

    /** Where progress lines go (CLI: stderr; default: java.util.logging under budgetron.db). */
    public BudgetronDb progress(Progress where) {
        return new BudgetronDb(project, dataSource, server, where);
    }

    /**
     * For a DataSource: the URL of its server, so that a scratch database can be made beside it
     * (adopting a Drizzle-built database, drift). Without it an embedded PostgreSQL is used when
     * available.
     */
    public BudgetronDb server(DbUrl sameServer) {
        return new BudgetronDb(project, dataSource, sameServer, progress);
    }

    public Project project() {
        return project;
    }

    /** The database as messages and JSON documents name it, without its password; known without connecting. */
    public String database() {
        if (dataSource != null) {
            return server != null ? server.toString() : "the application's DataSource";
        }
        return Rules.embeddedDatabase(project) ? DevDatabase.urlOn(project.devDbPort()).toString() : project.dbUrl().toString();
    }

    /** A session of one's own, for work the facade has no call for (the studio, lint of pending changesets). Close it. */
    public Session openSession() {
        if (dataSource == null) {
            return Session.open(project, progress);
        }
        try {
            return Session.on(dataSource, server, project, progress);
        } catch (java.sql.SQLException e) {
            throw new BudgetronDbException("Cannot get a connection from the DataSource: " + Errors.describe(e), e);
        }
    }

    public Migrate.Result migrate() {
        return run(Migrate::run);
    }

    /**
     * Finishes zero-downtime releases: their contracts applied once no connection of an older release
     * is open, waiting for that at most {@code wait}; refused after it, unless {@code force}.
     */
    public Migrate.Result contract(java.time.Duration wait, boolean force) {
        return run(s -> Contract.run(s, wait, force));
    }

    public Status.Result status() {
        return run(Status::run);
    }

    public Validate.Result validate() {
        return run(Validate::run);
    }

    public History.Result history() {
        return run(History::run);
    }

    /** Production refuses unless confirmed: the caller has shown the user what will be undone. */
    public Rollback.Result rollback(Rollback.To to, boolean confirmed) {
        return run(s -> Rollback.run(s, to, confirmed));
    }

    /** The copies migrations made of what they destroyed; prune drops those older than backup-retention (production: confirmed). */
    public ListBackups.Result backups(boolean prune, boolean confirmed) {
        return run(s -> ListBackups.run(s, prune, confirmed));
    }

    /** The pending changesets tried on a copy of the database (all rows, or at most {@code sample} a table; on {@code into}'s server, or the same). */
    public budgetron.db.rehearse.RehearsalReport rehearse(Long sample, budgetron.db.config.DbUrl into) {
        return run(s -> Rehearse.run(s, sample, into));
    }

    public void tag(String tag) {
        run(s -> {
            Tag.run(s, tag);
            return null;
        });
    }

    public void updateSql(Writer out) {
        run(s -> {
            UpdateSql.run(s, out);
            return null;
        });
    }

    public Adopt.Result adopt(boolean dryRun) {
        return run(s -> Adopt.run(s, dryRun));
    }

    public Patch.Result patch(boolean force, boolean confirmed) {
        return run(s -> Patch.run(s, force, confirmed));
    }

    public Drift drift() {
        return run(Drift::of);
    }

    /** The project's entities (its target/classes, checked fresh) against its database: one new changelog file, or none. */
    public Generator.Result generate(String name, boolean dropAndAdd) {
        return run(s -> Generator.generate(s, EntityClasses.of(project), name, dropAndAdd));
    }

    /** Development only: the entities' difference applied without a changeset. */
    public Push.Result push(boolean acceptDataLoss, boolean dropAndAdd) {
        return run(s -> Push.run(s, EntityClasses.of(project), acceptDataLoss, dropAndAdd));
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Session session) throws Exception;
    }

    private <T> T run(Work<T> work) {
        try (Session session = openSession()) {
            return work.on(session);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BudgetronDbException(Errors.describe(e), e);
        }
    }
}
