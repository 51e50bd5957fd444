package budgetron.db;

import budgetron.db.backup.Backups;
import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.FreshRun;
import budgetron.db.liquibase.HistoryCheck;
import budgetron.db.liquibase.Migrator;
import budgetron.db.liquibase.UpToDate;
import budgetron.db.schema.SchemaDump;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh database migrated without Liquibase (FreshRun) is the database Liquibase builds: schema,
 * rows, history table and history rows; Liquibase takes over where it stops, and anything that is
 * not a new, empty database is left to Liquibase.
 */
class FreshRunTest {
    private static DbUrl byLiquibase;
    private static String liquibaseSchema;

    @BeforeAll
    static void liquibaseBuildsOne() throws Exception {
        byLiquibase = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(byLiquibase); Migrator m = new Migrator(c, Changelog.bundled())) {
            m.update();
            liquibaseSchema = SchemaDump.of(c);
        }
    }

    private static ChangelogIndex index() {
        ChangelogIndex index = ChangelogIndex.bundled();
        assertNotNull(index, "the build put the index into the jar");
        assertTrue(index.allDirect(), "every changeset of Budgetron's changelog is plain SQL");
        return index;
    }

    @Test
    void buildsWhatLiquibaseBuilds() throws Exception {
        DbUrl db = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(db)) {
            FreshRun.Outcome outcome = FreshRun.apply(c, index(), Backups::needed);
            assertNotNull(outcome, "a new, empty database takes this path");
            assertTrue(outcome.complete());
            assertEquals(10, outcome.applied().size());
            assertTrue(c.getAutoCommit(), "the connection is left as it came");
            assertEquals(liquibaseSchema, SchemaDump.of(c));
        }
        String tableColumns = "SELECT string_agg(column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' '"
                + " || is_nullable || ' ' || coalesce(column_default, ''), ', ' ORDER BY ordinal_position) FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'databasechangelog'";
        assertEquals(TestDatabase.queryOne(byLiquibase, tableColumns), TestDatabase.queryOne(db, tableColumns));
        String indexesAndConstraints = "SELECT (SELECT count(*) FROM pg_index WHERE indrelid = 'databasechangelog'::regclass) || '/'"
                + " || (SELECT count(*) FROM pg_constraint WHERE conrelid = 'databasechangelog'::regclass)";
        assertEquals(TestDatabase.queryOne(byLiquibase, indexesAndConstraints), TestDatabase.queryOne(db, indexesAndConstraints));
        assertEquals(rows(byLiquibase), rows(db), "history rows, every column but the time and the deployment id");
        assertEquals("1", TestDatabase.queryOne(db, "SELECT count(DISTINCT deployment_id) FROM databasechangelog WHERE deployment_id ~ '^[0-9]{10}$'"));
        assertEquals("0", TestDatabase.queryOne(db, "SELECT count(*) FROM databasechangelog WHERE dateexecuted IS NULL"));
        // the seeds, without what differs by nature (random ids, the time of the run), parents by name
        String seeds = "SELECT (SELECT string_agg((to_jsonb(c) - 'id' - 'parent_id' - 'created_at' - 'updated_at')::text || '<' || coalesce(p.name, ''),"
                + " ',' ORDER BY c.name, c.type, p.name) FROM categories c LEFT JOIN categories p ON p.id = c.parent_id) || ' / '"
                + " || (SELECT string_agg((to_jsonb(f) - 'id' - 'created_at' - 'updated_at')::text, ',' ORDER BY f::text) FROM feature_flags f)";
        assertEquals(TestDatabase.queryOne(byLiquibase, seeds), TestDatabase.queryOne(db, seeds));
    }

    @Test
    void liquibaseFindsItUpToDateAndLeavesItsTableAlone() throws Exception {
        DbUrl db = TestDatabase.fresh();
        String definition = "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull, ', ' ORDER BY attnum)"
                + " FROM pg_attribute WHERE attrelid = 'databasechangelog'::regclass AND attnum > 0 AND NOT attisdropped";
        try (Connection c = TestDatabase.connect(db)) {
            assertTrue(FreshRun.apply(c, index(), Backups::needed).complete());
        }
        String before = TestDatabase.queryOne(db, definition);
        try (Connection c = TestDatabase.connect(db); Migrator m = new Migrator(c, Changelog.bundled())) {
            assertTrue(m.pending().isEmpty(), "Liquibase has nothing pending");
            assertTrue(HistoryCheck.of(m.changelog(), m.applied()).ok(), "and agrees with every checksum");
            m.validate();
            assertTrue(m.update().isEmpty());
            assertTrue(UpToDate.check(c, index()));
        }
        assertEquals(before, TestDatabase.queryOne(db, definition), "Liquibase changed nothing in its history table");
        assertEquals("10", TestDatabase.queryOne(db, "SELECT count(*) FROM databasechangelog"));
    }

    @Test
    void aFailingChangesetIsUndoneAndLiquibaseGoesOn() throws Exception {
        ChangelogIndex real = index();
        List<ChangelogIndex.Entry> entries = new ArrayList<>(real.changesets());
        ChangelogIndex.Entry fourth = entries.get(3);
        List<String> broken = new ArrayList<>(fourth.direct().statements());
        broken.add("SELECT 1 / 0");
        entries.set(3, new ChangelogIndex.Entry(fourth.file(), fourth.id(), fourth.author(), fourth.checksum(),
                new ChangelogIndex.Direct(broken, fourth.direct().description(), fourth.direct().comments())));
        DbUrl db = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(db)) {
            FreshRun.Outcome outcome = FreshRun.apply(c, new ChangelogIndex(real.fileHashes(), entries, null), null);
            assertFalse(outcome.complete());
            assertEquals(3, outcome.applied().size(), "the three before it stay, committed");
            assertTrue(c.getAutoCommit());
        }
        assertEquals("3", TestDatabase.queryOne(db, "SELECT count(*) FROM databasechangelog"));
        // 0003 renames full_name to name and drops first_name and last_name: none of it happened
        assertEquals("full_name, first_name, last_name", TestDatabase.queryOne(db, "SELECT string_agg(column_name, ', ' ORDER BY column_name = 'full_name' DESC,"
                + " column_name) FROM information_schema.columns WHERE table_name = 'users' AND column_name IN ('name', 'full_name', 'first_name', 'last_name')"));
        try (Connection c = TestDatabase.connect(db); Migrator m = new Migrator(c, Changelog.bundled())) {
            assertEquals(7, m.update().size(), "Liquibase runs the fourth and the rest");
            assertEquals(liquibaseSchema, SchemaDump.of(c));
        }
        assertEquals(rows(byLiquibase), rows(db));
    }

    @Test
    void aChangesetWhoseDataNeedsABackupIsLiquibases() throws Exception {
        DbUrl db = TestDatabase.fresh();
        try (Connection c = TestDatabase.connect(db)) {
            FreshRun.Outcome outcome = FreshRun.apply(c, index(), (conn, sql) -> sql.contains("DROP COLUMN \"first_name\""));
            assertFalse(outcome.complete());
            assertEquals(3, outcome.applied().size());
        }
        assertEquals("3", TestDatabase.queryOne(db, "SELECT count(*) FROM databasechangelog"));
        // what Backups.needed answers: rows there are kept, an empty table's column is not
        try (Connection c = TestDatabase.connect(db)) {
            assertTrue(Backups.needed(c, "DELETE FROM categories WHERE parent_id IS NOT NULL"), "seeded rows would be destroyed");
            assertFalse(Backups.needed(c, "ALTER TABLE users DROP COLUMN first_name"), "no user yet");
            assertFalse(Backups.needed(c, "DROP TABLE not_made_yet"));
        }
    }

    @Test
    void anythingButAnEmptyDatabaseIsLiquibases() throws Exception {
        for (String first : new String[] {"CREATE TABLE public.t (id int)", "CREATE SCHEMA app", "CREATE TYPE public.mood AS ENUM ('ok')",
                "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"}) {
            DbUrl db = TestDatabase.fresh();
            TestDatabase.execute(db, first);
            try (Connection c = TestDatabase.connect(db)) {
                assertNull(FreshRun.apply(c, index(), null), first);
            }
            assertEquals("0", TestDatabase.queryOne(db, "SELECT count(*) FROM pg_class WHERE relname = 'databasechangelog'"), first);
        }
        // a history table Liquibase was told to name otherwise: only Liquibase knows where it goes
        DbUrl db = TestDatabase.fresh();
        System.setProperty("liquibase.databaseChangeLogTableName", "app_history");
        try (Connection c = TestDatabase.connect(db)) {
            assertNull(FreshRun.apply(c, index(), null));
            assertFalse(UpToDate.check(c, index()));
        } finally {
            System.clearProperty("liquibase.databaseChangeLogTableName");
        }
        // and a database Liquibase has migrated already
        try (Connection c = TestDatabase.connect(byLiquibase)) {
            assertNull(FreshRun.apply(c, index(), null));
        }
    }

    @Test
    void onlyPlainSqlChangesetsAreRunWithoutLiquibase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path project) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(project.resolve("changelog"));
        java.nio.file.Files.writeString(dir.resolve("db.changelog-master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <include file="1.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        java.nio.file.Files.writeString(dir.resolve("1.sql"), """
                --liquibase formatted sql
                --changeset t:plain
                CREATE TABLE a (id int);
                INSERT INTO a VALUES (1);
                --changeset t:checked
                --precondition-sql-check expectedResult:0 SELECT count(*) FROM a WHERE id IS NULL
                ALTER TABLE a ALTER COLUMN id SET NOT NULL;
                --changeset t:outside runInTransaction:false
                CREATE INDEX CONCURRENTLY a_id ON a (id);
                --changeset t:parameter
                CREATE TABLE ${tableName} (id int);
                """);
        try (Migrator m = Migrator.offline(Changelog.in(project))) {
            ChangelogIndex index = ChangelogIndex.of(m.changelog(), m.database(), ChangelogIndex.hashFiles(project));
            List<String> direct = index.changesets().stream().filter(e -> e.direct() != null).map(ChangelogIndex.Entry::id).toList();
            assertEquals(List.of("plain"), direct);
            assertEquals(List.of("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)"),
                    index.changesets().get(0).direct().statements().stream().map(String::strip).toList(), "split as Liquibase splits");
            assertFalse(index.allDirect());
            assertEquals(index, ChangelogIndex.parse(index.format()), "the index reads back as written");
        }
    }

    private static List<String> rows(DbUrl db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, author, filename, orderexecuted, exectype, md5sum, description, comments, tag, liquibase,"
                     + " contexts, labels FROM databasechangelog ORDER BY orderexecuted")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 12; i++) {
                    row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
