package budgetron.db.lint;

import budgetron.db.liquibase.Changelog;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule has a changeset that triggers it and a safe one that does not, both on a table that already exists. */
class LintTest {
    private static final String BASE = "--liquibase formatted sql\n\n"
            + "--changeset test:base\n"
            + "CREATE TABLE p (id int PRIMARY KEY);\n"
            + "CREATE TABLE t (id int PRIMARY KEY, a int, p int, v varchar(20), n numeric(10, 2), s timestamp(3) without time zone);\n"
            + "CREATE TYPE e AS ENUM ('x', 'y');\n"
            + "--rollback DROP TABLE t; DROP TABLE p; DROP TYPE e;\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(LintRules.INDEX_NOT_CONCURRENT, "CREATE INDEX t_a_index ON t (a);",
                        "runInTransaction:false|CREATE INDEX CONCURRENTLY t_a_index ON t (a);"),
                Arguments.of(LintRules.FOREIGN_KEY_NOT_VALID, "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p) REFERENCES p(id);",
                        "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p) REFERENCES p(id) NOT VALID;"),
                Arguments.of(LintRules.SET_NOT_NULL, "ALTER TABLE t ALTER COLUMN a SET NOT NULL;", "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;"),
                // after a validated CHECK (a IS NOT NULL), SET NOT NULL does not scan: not flagged
                Arguments.of(LintRules.SET_NOT_NULL, "ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID;\nALTER TABLE t ALTER COLUMN a SET NOT NULL;",
                        "ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT t_a_nn;\n"
                                + "ALTER TABLE t ALTER COLUMN a SET NOT NULL;"),
                Arguments.of(LintRules.CHECK_NOT_VALID, "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0);",
                        "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0) NOT VALID;"),
                Arguments.of(LintRules.VOLATILE_DEFAULT, "ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();",
                        "ALTER TABLE t ADD COLUMN c timestamp DEFAULT now();"),
                Arguments.of(LintRules.TYPE_CHANGE, "ALTER TABLE t ALTER COLUMN a TYPE bigint;", "ALTER TABLE t ALTER COLUMN a SET DEFAULT 0;"),
                Arguments.of(LintRules.DROP_COLUMN, "ALTER TABLE t DROP COLUMN a;", "ALTER TABLE t DROP CONSTRAINT t_pkey;"),
                Arguments.of(LintRules.DROP_TABLE, "DROP TABLE t;", "CREATE TABLE t2 (id int);"),
                Arguments.of(LintRules.RENAME, "ALTER TABLE t RENAME COLUMN a TO b;", "ALTER TABLE t ADD COLUMN b int;"),
                Arguments.of(LintRules.UNIQUE_WITHOUT_INDEX, "ALTER TABLE t ADD CONSTRAINT t_a_unique UNIQUE (a);",
                        "ALTER TABLE t ADD CONSTRAINT t_a_unique UNIQUE USING INDEX t_a_index;"),
                Arguments.of(LintRules.ENUM_VALUE_REMOVED, "DROP TYPE e;\nCREATE TYPE e AS ENUM ('x');", "ALTER TYPE e ADD VALUE 'z';"),
                Arguments.of(LintRules.MISSING_ROLLBACK, "norollback|ALTER TABLE t ADD COLUMN b int;", "ALTER TABLE t ADD COLUMN b int;"),
                Arguments.of(LintRules.NO_LOCK_TIMEOUT, "ALTER TABLE t ADD COLUMN b int;",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN b int;"),
                Arguments.of(LintRules.MIXED_DDL_DML, "ALTER TABLE t ADD COLUMN b int;\nUPDATE t SET b = 1 WHERE a = 1;",
                        "ALTER TABLE t ADD COLUMN b int;"),
                Arguments.of(LintRules.UNBOUNDED_DATA_CHANGE, "UPDATE t SET a = 1;", "UPDATE t SET a = 1 WHERE a IS NULL;"),
                // killed between the two, the first would run again: refused; a repeatable first statement is not
                Arguments.of(LintRules.NON_ATOMIC_CHANGESET, "runInTransaction:false|UPDATE t SET a = 1 WHERE a IS NULL;\nVACUUM t;",
                        "runInTransaction:false|DROP INDEX CONCURRENTLY IF EXISTS t_a_index;\nCREATE INDEX CONCURRENTLY t_a_index ON t (a);"),
                Arguments.of(LintRules.WRITES_HISTORY, "DELETE FROM databasechangelog WHERE id = '0000';",
                        "SELECT count(*) FROM databasechangelog;"));
    }

    /** A checkout whose changelog is BASE then one changeset "test:probe" made of {@code body}. */
    static Path project(Path dir, String body) throws Exception {
        String attributes = "";
        boolean rollback = true;
        if (body.startsWith("runInTransaction:false|")) {
            attributes = " runInTransaction:false";
            body = body.substring(body.indexOf('|') + 1);
        } else if (body.startsWith("norollback|")) {
            rollback = false;
            body = body.substring(body.indexOf('|') + 1);
        }
        Files.createDirectories(dir.resolve("changelog"));
        Files.writeString(dir.resolve("changelog/0000_base.sql"), BASE);
        Files.writeString(dir.resolve("changelog/0001_probe.sql"), "--liquibase formatted sql\n\n--changeset test:probe" + attributes
                + "\n" + body + "\n" + (rollback ? "--rollback SELECT 1;\n" : ""));
        Files.writeString(dir.resolve("changelog/db.changelog-master.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + "    <include file=\"0000_base.sql\" relativeToChangelogFile=\"true\"/>\n"
                + "    <include file=\"0001_probe.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n");
        return dir;
    }

    private static List<Finding> lint(Path dir, String body) throws Exception {
        return Selection.since(Changelog.in(project(dir, body)), "probe").findings();
    }

    @ParameterizedTest(name = "{0} triggers")
    @MethodSource("cases")
    void triggers(LintRule rule, String dangerous, String safe, @TempDir Path dir) throws Exception {
        List<Finding> findings = lint(dir, dangerous);
        assertTrue(findings.stream().anyMatch(f -> f.rule() == rule && !f.accepted()), rule + " in " + findings);
        Finding f = findings.stream().filter(x -> x.rule() == rule).findFirst().orElseThrow();
        assertEquals("probe", f.changesetId());
        assertEquals("changelog/0001_probe.sql", f.file());
        assertTrue(f.line() >= 3, "line " + f.line());
    }

    @ParameterizedTest(name = "{0} stays quiet on the safe form")
    @MethodSource("cases")
    void doesNotTrigger(LintRule rule, String dangerous, String safe, @TempDir Path dir) throws Exception {
        List<Finding> findings = lint(dir, safe);
        assertFalse(findings.stream().anyMatch(f -> f.rule() == rule), rule + " in " + findings);
    }

    @Test
    void aTypeChangeThatRewritesNothingIsNotAnError(@TempDir Path dir) throws Exception {
        // measured: PostgreSQL changes only the catalog for these (the rehearsal shows the relfilenode unchanged)
        for (String widening : List.of("ALTER TABLE t ALTER COLUMN v TYPE varchar(40);", "ALTER TABLE t ALTER COLUMN v TYPE text;",
                "ALTER TABLE t ALTER COLUMN n SET DATA TYPE numeric(14,2) USING \"n\"::numeric(14,2);", "ALTER TABLE t ALTER COLUMN s TYPE timestamp(6);")) {
            assertFalse(lint(dir, widening).stream().anyMatch(f -> f.rule() == LintRules.TYPE_CHANGE), widening);
        }
        for (String rewriting : List.of("ALTER TABLE t ALTER COLUMN v TYPE varchar(10);", "ALTER TABLE t ALTER COLUMN n TYPE numeric(14,4);",
                "ALTER TABLE t ALTER COLUMN a TYPE bigint;", "ALTER TABLE t ALTER COLUMN v TYPE varchar(40) USING upper(v);")) {
            assertTrue(lint(dir, rewriting).stream().anyMatch(f -> f.rule() == LintRules.TYPE_CHANGE), rewriting);
        }
    }

    @Test
    void newTablesAreNotExisting(@TempDir Path dir) throws Exception {
        List<Finding> findings = lint(dir, "CREATE TABLE n (id int);\nCREATE INDEX n_id_index ON n (id);\nALTER TABLE n ALTER COLUMN id SET NOT NULL;");
        assertEquals(List.of(), findings.stream().map(f -> f.rule().id()).toList());
    }

    @Test
    void aDbaAcceptsAFindingWithAReason(@TempDir Path dir) throws Exception {
        List<Finding> findings = lint(dir, "-- lint:accept drop-column the values were archived to cold storage\n"
                + "SET LOCAL lock_timeout = '5s';\nALTER TABLE t DROP COLUMN a;");
        Finding f = findings.stream().filter(x -> x.rule() == LintRules.DROP_COLUMN).findFirst().orElseThrow();
        assertTrue(f.accepted());
        assertEquals("the values were archived to cold storage", f.acceptedBecause());
        assertFalse(findings.stream().anyMatch(Finding::blocking), findings.toString());
        assertTrue(Linter.format(findings).contains("ACCEPTED  drop-column  probe"), Linter.format(findings));
    }

    @Test
    void commandExitsNonZeroOnErrorsOnly(@TempDir Path dir) throws Exception {
        project(dir, "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN a TYPE bigint;");
        Cli r = Cli.run("lint", "--since", "0001_probe.sql", "--project-dir", dir.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("changelog/0001_probe.sql:5  ERROR  type-change-rewrite  probe"), r.toString());
        assertTrue(r.out.contains("instead: Add a column of the new type"), r.toString());

        project(dir, "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN b int;");
        r = Cli.run("lint", "--since", "probe", "--project-dir", dir.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("0 errors, 0 warnings, 0 accepted"), r.toString());

        r = Cli.run("lint", "--since", "no-such-changeset", "--project-dir", dir.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("No changeset, changelog file or tagDatabase tag 'no-such-changeset'"), r.toString());
    }

    @Test
    void sinceAReleaseTagInTheChangelog(@TempDir Path dir) throws Exception {
        project(dir, "SET LOCAL lock_timeout = '5s';\nALTER TABLE t DROP COLUMN a;");
        Path master = dir.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("    <include file=\"0001_probe.sql\"",
                "    <changeSet id=\"tag-release-1\" author=\"test\"><tagDatabase tag=\"release-1\"/></changeSet>\n"
                        + "    <include file=\"0001_probe.sql\""));
        Selection selection = Selection.since(Changelog.in(dir), "release-1");
        assertEquals(List.of("probe"), selection.changesets().stream().map(ChangesetSql::id).toList());
        assertTrue(selection.findings().stream().anyMatch(f -> f.rule() == LintRules.DROP_COLUMN));
    }

    @Test
    void pendingUsesTheDatabasesTables(@TempDir Path dir) throws Exception {
        project(dir, "SET LOCAL lock_timeout = '5s';\nALTER TABLE t DROP COLUMN a;");
        var db = TestDatabase.fresh();
        try (var c = TestDatabase.connect(db); var m = new budgetron.db.liquibase.Migrator(c, Changelog.in(dir))) {
            m.update(1);
        }
        Cli r = Cli.run("lint", "--pending", "--project-dir", dir.toString(), "--db-url", db.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("Linted 1 changesets pending on the database."), r.toString());
        assertTrue(r.out.contains("ERROR  drop-column  probe"), r.toString());
    }

    /** One class per rule in budgetron.db.lint.rule, each registered once in LintRules, each with its id and help. */
    @Test
    void everyRuleClassIsRegisteredWithItsIdAndHelp() throws Exception {
        java.util.Set<String> classes = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("src/main/java/budgetron/db/lint/rule"))) {
            files.forEach(f -> classes.add("budgetron.db.lint.rule." + f.getFileName().toString().replace(".java", "")));
        }
        java.util.Set<String> registered = new java.util.TreeSet<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (LintRule rule : LintRules.ALL) {
            registered.add(rule.getClass().getName());
            assertTrue(ids.add(rule.id()), "one id per rule: " + rule.id());
            assertTrue(rule.id().matches("[a-z]+(-[a-z]+)*"), rule.id());
            assertFalse(rule.why().isBlank() || rule.fix().isBlank(), rule.id());
            assertEquals(rule.id(), rule.getClass().getField("ID").get(null), "the id generate writes in lint:accept");
            assertSame(rule, LintRules.byId(rule.id()));
        }
        assertEquals(classes, registered, "a rule class missing from LintRules.ALL never runs");
    }
}
