package budgetron.db.generate;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Connections;
import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.Migrator;
import budgetron.db.liquibase.UpToDate;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Entities;
import budgetron.db.schema.EntityAnnotations;
import budgetron.db.schema.EntitySchema;
import budgetron.db.schema.ScratchDatabase;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Entities versus a database, the shadow-database way: Hibernate builds the entities' schema in a
 * scratch database, both are read from the catalog, and SchemaDiff compares two real PostgreSQL
 * schemas.
 */
public final class Generator {
    private Generator() {
    }

    /**
     * What `mvn liquibase:diff` and `budgetron-db generate` do: refuse while changesets are pending
     * (the diff would write them again), diff, and write one new changelog file if anything changed.
     * Returns the file written, or null when the entities already match.
     */
    public static Path generate(DbUrl target, Path projectDir, String name, boolean allowDropAndAdd, PrintWriter out) throws Exception {
        Changelog changelog = Changelog.in(projectDir);
        List<Change> changes;
        try (Connection c = Connections.open(target)) {
            // the one-query check first; Liquibase, on a connection of its own, only when it cannot tell
            if (!UpToDate.check(c, ChangelogIndex.find(changelog, projectDir))) {
                try (Connection own = Connections.open(target); Migrator migrator = new Migrator(own, changelog)) {
                    int pending = migrator.pending().size();
                    if (pending > 0) {
                        throw new ConfigException(pending + " changesets are not applied to " + target + " yet: apply them first "
                                + "(budgetron-db migrate, or mvn liquibase:update), then generate; otherwise they would be written again.");
                    }
                }
            }
            changes = diff(target, c, Entities.discover(projectDir), allowDropAndAdd,
                    budgetron.db.config.Settings.lockTimeout(projectDir), projectDir, out);
        }
        if (changes.isEmpty()) {
            out.println("No changes: the entities match " + target + ". Nothing written.");
            return null;
        }
        Path file = ChangelogWriter.write(projectDir.resolve("changelog"), name, changes);
        out.println("Wrote " + projectDir.relativize(file) + " (" + changes.size() + " changeset" + (changes.size() == 1 ? "" : "s")
                + ") and included it in changelog/db.changelog-master.xml:");
        changes.forEach(ch -> out.println("  " + ch.title() + (ch.destructive() ? "  [" + ch.warning() + "]" : "")));
        out.println("Review it, then apply it (budgetron-db migrate, or mvn liquibase:update).");
        return file;
    }

    public static List<Change> diff(DbUrl target, List<Class<?>> entities, boolean allowDropAndAdd) throws SQLException {
        return diff(target, entities, allowDropAndAdd, LiveSafety.DEFAULT_LOCK_TIMEOUT);
    }

    public static List<Change> diff(DbUrl target, List<Class<?>> entities, boolean allowDropAndAdd, String lockTimeout) throws SQLException {
        try (Connection c = Connections.open(target)) {
            return diff(target, c, entities, allowDropAndAdd, lockTimeout, null, null);
        }
    }

    /**
     * The diff over one open connection to the target. With a project folder, the entities' schema is
     * taken from EntitySchemaCache when their classes have not changed.
     */
    private static List<Change> diff(DbUrl target, Connection c, List<Class<?>> entities, boolean allowDropAndAdd, String lockTimeout,
                                     Path projectDir, PrintWriter out) throws SQLException {
        String key = projectDir == null ? null : EntitySchemaCache.key(entities, c);
        Catalog desired = projectDir == null ? null : EntitySchemaCache.read(projectDir, key);
        if (desired == null) {
            try (ScratchDatabase scratch = ScratchDatabase.beside(target)) {
                desired = EntitySchema.build(scratch.url(), entities);
            }
            if (projectDir != null) {
                EntitySchemaCache.write(projectDir, key, desired);
            }
        } else if (out != null) {
            out.println("(the entities' schema comes from " + EntitySchemaCache.FILE + ": their classes are unchanged)");
        }
        // the target's schemas that the entities use, public always: a schema no entity maps is left alone
        java.util.Set<String> schemas = new java.util.TreeSet<>(desired.schemas());
        schemas.add("public");
        Catalog current = Catalog.read(c, schemas);
        // what no entity could declare and no entity names is a DBA's, written in a changeset: left alone.
        // Indexes: an expression, a WHERE, INCLUDE, GIN, … Constraints: EXCLUDE (JPA has no annotation for it).
        java.util.List<String> notCompared = new java.util.ArrayList<>(current.notCompared());
        java.util.Map<String, Catalog.Index> indexes = new java.util.LinkedHashMap<>();
        for (Catalog.Index index : current.indexes().values()) {
            if (index.declarableByEntities() || desired.indexes().containsKey(index.key())) {
                indexes.put(index.key(), index);
            } else {
                notCompared.add("index " + index.name() + " on " + index.table());
            }
        }
        java.util.Map<String, Catalog.Constraint> constraints = new java.util.LinkedHashMap<>();
        for (Catalog.Constraint constraint : current.constraints().values()) {
            if (constraint.type() != 'x' || desired.constraints().containsKey(constraint.key())) {
                constraints.put(constraint.key(), constraint);
            } else {
                notCompared.add("exclusion constraint " + constraint.name() + " on " + constraint.table());
            }
        }
        current = current.with(current.tables(), constraints, indexes);
        if (out != null && !notCompared.isEmpty()) {
            out.println("Not compared, left as they are: " + String.join(", ", notCompared) + ".");
        }
        SchemaDiff.Renames renames = new SchemaDiff.Renames(EntityAnnotations.tableRenames(entities), EntityAnnotations.columnRenames(entities));
        return SchemaDiff.between(current, desired, renames, allowDropAndAdd, lockTimeout);
    }
}
