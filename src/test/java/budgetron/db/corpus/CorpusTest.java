package budgetron.db.corpus;

import budgetron.db.config.DbUrl;
import budgetron.db.generate.Change;
import budgetron.db.generate.Generator;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Entities;
import budgetron.db.schema.EntityClasses;
import budgetron.db.schema.EntitySchema;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole models through the real workflow, from an EMPTY database: `generate` writes the changelog,
 * `migrate` applies it, and the result is what Hibernate itself creates; Hibernate validates it; a
 * second diff is empty; rolling the changesets back leaves an empty schema. Budgetron's entities,
 * a port of Spring PetClinic's model, and a kitchen sink of Hibernate mappings.
 */
class CorpusTest {
    private static final String EMPTY_MASTER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
            + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n</databaseChangeLog>\n";

    @ParameterizedTest
    @ValueSource(strings = {"budgetron.db.entity", "budgetron.db.corpus.petclinic", "budgetron.db.corpus.kitchensink", "budgetron.db.corpus.library",
            "budgetron.db.corpus.workflow"})
    void generatedFromAnEmptyDatabase(String entityPackage, @TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("changelog"));
        Files.writeString(project.resolve("changelog/db.changelog-master.xml"), EMPTY_MASTER);
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=" + entityPackage + "\n");
        List<Class<?>> classes = EntityClasses.of(budgetron.db.config.Project.at(project).load()).classes();
        DbUrl db = TestDatabase.fresh();

        Cli generate = Cli.run("generate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(0, generate.exitCode, generate.toString());
        Path file;
        try (var files = Files.list(project.resolve("changelog"))) {
            file = files.filter(f -> f.getFileName().toString().startsWith("0000_")).findFirst().orElseThrow();
        }
        assertTrue(file.getFileName().toString().startsWith("0000_create-"), "named after what it does: " + file.getFileName());
        if (entityPackage.endsWith("kitchensink")) {
            String sql = Files.readString(file);
            assertTrue(sql.contains("CREATE SCHEMA \"audit\";") && sql.contains("--rollback DROP SCHEMA \"audit\";"), sql);
            assertTrue(sql.contains("CREATE TABLE \"audit\".\"entries\""), sql);
        }
        Cli migrate = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(0, migrate.exitCode, migrate.toString() + Files.readString(file));

        // the same schema as the entities build: names, types, defaults, constraints, indexes, sequences, comments
        Catalog generated;
        try (Connection c = TestDatabase.connect(db)) {
            generated = Catalog.readAll(c);
        }
        DbUrl scratch = TestDatabase.fresh();
        Catalog expected = EntitySchema.build(scratch, classes);
        assertEquals(SchemaDump.of(expected), SchemaDump.of(generated), Files.readString(file));
        if (!entityPackage.equals("budgetron.db.entity")) {
            // and, names of constraints and indexes aside (Hibernate's are hashes), what Hibernate's own create builds
            DbUrl raw = TestDatabase.fresh();
            Entities.open(raw, "create-only", classes).close();
            Catalog hibernate;
            try (Connection c = TestDatabase.connect(raw)) {
                hibernate = Catalog.readAll(c); // raw: the changesets write CHECKs in Hibernate's own words, so no round trip is needed
            }
            assertEquals(structure(hibernate), structure(generated));
        }
        Entities.open(db, "validate", classes).close();
        List<Change> again = Generator.diff(db, classes, false);
        assertEquals(List.of(), again.stream().map(Change::title).toList(), "the second diff is empty");

        long changesets = TestDatabase.count(db, "SELECT count(*) FROM databasechangelog");
        Cli rollback = Cli.run("rollback", "--count", String.valueOf(changesets), "--yes", "--db-url", db.toString(),
                "--project-dir", project.toString());
        assertEquals(0, rollback.exitCode, rollback.toString());
        try (Connection c = TestDatabase.connect(db)) {
            Catalog after = Catalog.readAll(c);
            assertEquals(java.util.Set.of("public"), after.schemas(), "a schema the changelog created is gone too");
            assertEquals(List.of(), new ArrayList<>(after.tables().keySet()), "no table left");
            assertEquals(List.of(), new ArrayList<>(after.sequences().keySet()), "no sequence left");
            assertEquals(List.of(), new ArrayList<>(after.enums().keySet()), "no type left");
        }
    }

    /**
     * Many Java teams' databases start as Hibernate's own create (ddl-auto=create or update): generate
     * against one must not rewrite a CHECK that means what the entity says. Names of the other
     * constraints and indexes differ (Hibernate's are hashes) and may be changed; the CHECKs may not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"budgetron.db.corpus.petclinic", "budgetron.db.corpus.kitchensink", "budgetron.db.corpus.library",
            "budgetron.db.corpus.workflow"})
    void aDatabaseHibernateCreatedGetsNoCheckChange(String entityPackage) throws Exception {
        List<Class<?>> classes = EntityClasses.scan(getClass().getClassLoader(), List.of(entityPackage)).classes();
        DbUrl db = TestDatabase.fresh();
        Entities.open(db, "create-only", classes).close();
        List<String> checks = new ArrayList<>();
        try (Connection c = TestDatabase.connect(db); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0")) {
            while (rs.next()) {
                checks.add(rs.getString(1));
            }
        }
        List<Change> changes = Generator.diff(db, classes, true);
        List<String> touchingChecks = changes.stream().filter(ch -> checks.stream().anyMatch(n -> ch.title().contains(n))
                || ch.sql().stream().anyMatch(sql -> sql.contains("CHECK"))).map(Change::title).toList();
        assertEquals(List.of(), touchingChecks, entityPackage + ": " + checks.size() + " CHECKs, all meaning what the entities say");
        if (entityPackage.endsWith("workflow")) {
            assertTrue(checks.size() >= 9, "enum and @Check conditions of the workflow model: " + checks);
        }

        // as a changeset of the previous generator left them: re-added in PostgreSQL's printed words, another parse tree
        List<String> rewrite = new ArrayList<>();
        try (Connection c = TestDatabase.connect(db); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                     + "WHERE contype = 'c' AND conrelid <> 0")) {
            while (rs.next()) {
                rewrite.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2) + ", ADD CONSTRAINT " + rs.getString(2)
                        + " " + rs.getString(3));
            }
        }
        String printedBefore = TestDatabase.queryOne(db, "SELECT string_agg(pg_get_constraintdef(oid), ' | ' ORDER BY conname) FROM pg_constraint "
                + "WHERE contype = 'c' AND conrelid <> 0");
        TestDatabase.execute(db, rewrite.toArray(String[]::new));
        String printedAfter = TestDatabase.queryOne(db, "SELECT string_agg(pg_get_constraintdef(oid), ' | ' ORDER BY conname) FROM pg_constraint "
                + "WHERE contype = 'c' AND conrelid <> 0");
        if (entityPackage.endsWith("workflow") || entityPackage.endsWith("kitchensink")) {
            assertNotEquals(printedBefore, printedAfter, "the enum checks print differently once re-added: the comparison must go by meaning");
        }
        List<String> afterRewrite = Generator.diff(db, classes, true).stream().filter(ch -> checks.stream().anyMatch(n -> ch.title().contains(n))
                || ch.sql().stream().anyMatch(sql -> sql.contains("CHECK"))).map(Change::title).toList();
        assertEquals(List.of(), afterRewrite, entityPackage + ": the same conditions in other words are compared by meaning");
    }

    @org.junit.jupiter.api.Test
    void theEntitiesSchemaIsReusedOnlyWhileTheirClassesAreTheSame(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("changelog"));
        Files.writeString(project.resolve("changelog/db.changelog-master.xml"), EMPTY_MASTER);
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.petclinic\n");
        DbUrl db = TestDatabase.fresh();
        String[] generate = {"generate", "--db-url", db.toString(), "--project-dir", project.toString()};
        assertEquals(0, Cli.run(generate).exitCode);
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString()).exitCode);
        Cli cached = Cli.run(generate);
        assertEquals(0, cached.exitCode, cached.toString());
        assertTrue(cached.out.contains("(the entities' schema comes from .budgetron/entity-schema.ser"), cached.toString());
        assertTrue(cached.out.contains("No changes"), cached.toString());

        // other entity classes: the cached schema does not describe them and is not used
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.petclinic,budgetron.db.corpus.kitchensink\n");
        Cli changed = Cli.run(generate);
        assertEquals(0, changed.exitCode, changed.toString());
        assertTrue(!changed.out.contains("comes from .budgetron"), changed.toString());
        assertTrue(changed.out.contains("create table accounts"), "the new entities are seen: " + changed);

        // an unreadable cache is rebuilt, not trusted
        Files.writeString(project.resolve(".budgetron/entity-schema.ser"), "not a serialized schema");
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString()).exitCode);
        Cli rebuilt = Cli.run(generate);
        assertEquals(0, rebuilt.exitCode, rebuilt.toString());
        assertTrue(!rebuilt.out.contains("comes from .budgetron") && rebuilt.out.contains("No changes"), rebuilt.toString());
    }

    @org.junit.jupiter.api.Test
    void twoEntitiesOfOneNameAreNamedWithTheCure(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("changelog"));
        Files.writeString(project.resolve("changelog/db.changelog-master.xml"), EMPTY_MASTER);
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.duplicate\n");
        Cli r = Cli.run("generate", "--db-url", TestDatabase.fresh().toString(), "--project-dir", project.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("[budgetron.db.corpus.duplicate.a.Note] and [budgetron.db.corpus.duplicate.b.Note] share the entity name 'Note'")
                && r.err.contains("@Entity(name = "), r.toString());
        assertTrue(!r.all().contains("\tat "), "no stack trace: " + r);
    }

    @org.junit.jupiter.api.Test
    void anEntityHibernateCannotMapIsNamed(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("changelog"));
        Files.writeString(project.resolve("changelog/db.changelog-master.xml"), EMPTY_MASTER);
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.broken\n");
        Cli r = Cli.run("generate", "--db-url", TestDatabase.fresh().toString(), "--project-dir", project.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("Hibernate cannot map the entities") && r.err.contains("budgetron.db.corpus.broken.NoId"), r.toString());
        assertTrue(!r.all().contains("\tat "), "no stack trace: " + r);

        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.nothing.here\n");
        r = Cli.run("generate", "--db-url", TestDatabase.fresh().toString(), "--project-dir", project.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("No @Entity class in budgetron.db.nothing.here"), r.toString());
    }

    /**
     * A mapping whose DDL PostgreSQL refuses must stop generate: left to Hibernate's default, the
     * CREATE fails quietly, the table is missing from the entities' schema and the diff proposes
     * dropping the live table.
     */
    @org.junit.jupiter.api.Test
    void aTableThatPostgresqlRefusesToCreateStopsGenerate(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("changelog"));
        Files.writeString(project.resolve("changelog/db.changelog-master.xml"), EMPTY_MASTER);
        Files.writeString(project.resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.refused\n");
        budgetron.db.config.DbUrl db = TestDatabase.fresh();
        TestDatabase.execute(db, "CREATE TABLE jobs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title varchar(255))",
                "INSERT INTO jobs (title) VALUES ('kept')");
        Cli r = Cli.run("generate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("PostgreSQL refused the DDL Hibernate wrote for the entities")
                && r.err.contains("multiple identity specifications for column \"id\" of table \"jobs\""), r.toString());
        assertTrue(!r.all().contains("drop table") && !r.all().contains("\tat "), r.toString());
        try (var files = Files.list(project.resolve("changelog"))) {
            assertEquals(1, files.count(), "no changeset written");
        }
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM jobs"));
    }

    /** A catalog without the names of constraints and indexes, sorted: what the schema does, not what it calls things. */
    private static List<String> structure(Catalog c) {
        List<String> out = new ArrayList<>();
        c.tables().values().forEach(t -> t.columns().values().forEach(col -> out.add("column " + t.name() + "." + col.sql())));
        c.constraints().values().forEach(co -> out.add("constraint " + co.table() + " " + co.type() + " " + co.definition()));
        c.indexes().values().forEach(i -> out.add("index " + i.definition().replace(" " + i.name() + " ", " ")));
        c.sequences().values().forEach(s -> out.add("sequence " + s));
        c.enums().forEach((k, v) -> out.add("enum " + k + " " + v));
        c.comments().forEach((k, v) -> out.add("comment " + k + " " + v));
        out.sort(null);
        return out;
    }
}
