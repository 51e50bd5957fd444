package budgetron.db.generate;

import budgetron.db.lint.rule.DropColumn;
import budgetron.db.lint.rule.DropTable;
import budgetron.db.config.ConfigException;
import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.EntityAnnotations;
import budgetron.db.schema.EntityClasses;
import budgetron.db.schema.EntitySchema;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entities versus a database, the shadow-database way: Hibernate builds the entities' schema in a
 * scratch database, both are read from the catalog, and SchemaDiff compares two real PostgreSQL
 * schemas. Everything runs over the session's one connection; the scratch database is the only
 * other one (and not even that when the entities' schema comes from its cache).
 */
public final class Generator {
    /** Lint acceptances a generated drop carries only when the entities are the project's verified build. */
    private static final Set<String> DROP_RULES = Set.of(DropTable.ID, DropColumn.ID);

    /** What the entities and the database differ by, what was left out of the comparison, and the two schemas compared. */
    public record Diff(List<Change> changes, List<String> notCompared, boolean schemaFromCache, Catalog current, Catalog desired) {
    }

    /**
     * @param file    the changelog file written, or null when nothing changed
     * @param entities where the entity classes came from (target/classes, or the jar)
     */
    public record Result(Path file, List<Change> changes, List<String> notCompared, boolean schemaFromCache, String entities) {
        /** What generate and mvn liquibase:diff print. */
        public List<String> lines(Path projectDir, String database) {
            List<String> out = new ArrayList<>();
            out.add("Entities: " + entities);
            if (schemaFromCache) {
                out.add("(the entities' schema comes from " + EntitySchemaCache.FILE + ": their classes are unchanged)");
            }
            if (!notCompared.isEmpty()) {
                out.add("Not compared, left as they are: " + String.join(", ", notCompared) + ".");
            }
            if (file == null) {
                out.add("No changes: the entities match " + database + ". Nothing written.");
                return out;
            }
            out.add("Wrote " + projectDir.relativize(file) + " (" + changes.size() + " changeset" + (changes.size() == 1 ? "" : "s")
                    + ") and included it in changelog/db.changelog-master.xml:");
            changes.forEach(ch -> out.add("  " + ch.title() + (ch.destructive() ? "  [" + ch.warning() + "]" : "")));
            out.add("Review it, then apply it (budgetron-db migrate, or mvn liquibase:update).");
            return out;
        }
    }

    private Generator() {
    }

    /**
     * What `mvn liquibase:diff` and `budgetron-db generate` do: refuse while changesets are pending
     * (the diff would write them again), diff, and write one new changelog file if anything changed.
     */
    public static Result generate(Session session, EntityClasses entities, String name, boolean allowDropAndAdd) throws Exception {
        Path projectDir = session.project().dir();
        if (projectDir == null || !session.changelog().fromProjectDir()) {
            throw new ConfigException("generate writes a new file into a checkout's changelog/: run it in the project folder "
                    + "(or give --project-dir), not against the changelog packed in the jar.");
        }
        // the one-query check first; Liquibase, on the same connection, only when it cannot tell
        if (!session.upToDate()) {
            int pending = session.migrator().pending().size();
            if (pending > 0) {
                throw new ConfigException(pending + " changesets are not applied to " + session.database() + " yet: apply them first "
                        + "(budgetron-db migrate, or mvn liquibase:update), then generate; otherwise they would be written again.");
            }
        }
        Diff diff = diff(session, entities, allowDropAndAdd);
        List<Change> changes = diff.changes();
        if (!entities.fromBuild()) {
            // not the project's verified build: a drop may come from classes older than the code; the review decides it
            changes = changes.stream().map(c -> c.withoutAccepting(DROP_RULES)).toList();
        }
        Path file = changes.isEmpty() ? null : ChangelogWriter.write(projectDir.resolve("changelog"), name, changes);
        return new Result(file, changes, diff.notCompared(), diff.schemaFromCache(), entities.source());
    }

    /** The diff over the session's connection; the entities' schema from EntitySchemaCache when their classes have not changed. */
    public static Diff diff(Session session, EntityClasses entities, boolean allowDropAndAdd) throws SQLException {
        return diff(session, entities, allowDropAndAdd, session.project().zeroDowntime());
    }

    /** zeroDowntime: renames, type changes and drops as expand and contract (generate); push applies them in place. */
    public static Diff diff(Session session, EntityClasses entities, boolean allowDropAndAdd, boolean zeroDowntime) throws SQLException {
        Connection c = session.connection();
        Path projectDir = session.project().dir();
        String key = projectDir == null ? null : EntitySchemaCache.key(entities.classes(), c);
        Catalog desired = projectDir == null ? null : EntitySchemaCache.read(projectDir, key);
        boolean fromCache = desired != null;
        if (desired == null) {
            try (ScratchDatabase scratch = session.scratch()) {
                desired = EntitySchema.build(scratch.url(), entities);
            }
            if (projectDir != null) {
                EntitySchemaCache.write(projectDir, key, desired);
            }
        }
        return compare(c, desired, entities.classes(), allowDropAndAdd, session.project().lockTimeout(), fromCache, zeroDowntime);
    }

    /** For tests and tools that hold classes and a URL: a connection and a scratch database of its own. */
    public static List<Change> diff(DbUrl target, List<Class<?>> entities, boolean allowDropAndAdd) throws SQLException {
        return diff(target, entities, allowDropAndAdd, false);
    }

    /** The same, as generate writes it for a zero-downtime release when zeroDowntime. */
    public static List<Change> diff(DbUrl target, List<Class<?>> entities, boolean allowDropAndAdd, boolean zeroDowntime) throws SQLException {
        try (Connection c = Connections.open(target)) {
            Catalog desired;
            try (ScratchDatabase scratch = ScratchDatabase.beside(c, target)) {
                desired = EntitySchema.build(scratch.url(), entities);
            }
            return compare(c, desired, entities, allowDropAndAdd, LiveSafety.DEFAULT_LOCK_TIMEOUT, false, zeroDowntime).changes();
        }
    }

    private static Diff compare(Connection c, Catalog desired, List<Class<?>> entities, boolean allowDropAndAdd, String lockTimeout,
                                boolean fromCache, boolean zeroDowntime) throws SQLException {
        // the target's schemas that the entities use, public always: a schema no entity maps is left alone
        Set<String> schemas = new TreeSet<>(desired.schemas());
        schemas.add("public");
        Catalog current = Catalog.read(c, schemas);
        // what no entity could declare and no entity names is a DBA's, written in a changeset: left alone.
        // Indexes: an expression, a WHERE, INCLUDE, GIN, … Constraints: EXCLUDE (JPA has no annotation for it).
        List<String> notCompared = new ArrayList<>(current.notCompared());
        Map<String, Catalog.Index> indexes = new LinkedHashMap<>();
        for (Catalog.Index index : current.indexes().values()) {
            if (index.declarableByEntities() || desired.indexes().containsKey(index.key())) {
                indexes.put(index.key(), index);
            } else {
                notCompared.add("index " + index.name() + " on " + index.table());
            }
        }
        Map<String, Catalog.Constraint> constraints = new LinkedHashMap<>();
        for (Catalog.Constraint constraint : current.constraints().values()) {
            if (constraint.type() != 'x' || desired.constraints().containsKey(constraint.key())) {
                constraints.put(constraint.key(), constraint);
            } else {
                notCompared.add("exclusion constraint " + constraint.name() + " on " + constraint.table());
            }
        }
        current = current.with(current.tables(), constraints, indexes);
        // a CHECK or default spelled differently on the two sides (Hibernate's create, an older changeset) but meaning the same
        desired = Meaning.reconcile(c, current, desired);
        desired = Names.keepExisting(current, desired, new java.util.HashSet<>(EntityAnnotations.declaredNames(entities)));
        SchemaDiff.Renames renames = new SchemaDiff.Renames(EntityAnnotations.tableRenames(entities), EntityAnnotations.columnRenames(entities));
        return new Diff(SchemaDiff.between(current, desired, renames, allowDropAndAdd, lockTimeout, zeroDowntime), notCompared, fromCache, current, desired);
    }
}
