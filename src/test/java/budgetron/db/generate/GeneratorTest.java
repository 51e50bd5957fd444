package budgetron.db.generate;

import budgetron.db.config.DbUrl;
import budgetron.db.lint.Finding;
import budgetron.db.lint.Linter;
import budgetron.db.lint.Selection;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.Entities;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of entity change becomes a changeset that applies to a table holding rows; afterwards
 * a second diff is empty and Hibernate validates the entities against the result.
 */
class GeneratorTest {
    private static final List<Class<?>> V1 = List.of(Model.Owner.class, Model.Item.class);

    private DbUrl db;
    /** The rules generated changesets accepted, with their reasons written in: only the deliberate ones. */
    private final List<String> lintAccepted = new java.util.ArrayList<>();
    private Path project;

    @BeforeEach
    void emptyProject(@TempDir Path dir) throws Exception {
        db = TestDatabase.fresh();
        project = dir;
        budgetron.db.support.EmptyChangelog.in(dir);
        apply(V1, "init");
        TestDatabase.execute(db, "INSERT INTO owners (id, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'Ada')",
                "INSERT INTO items (name, price, note, owner_id) VALUES ('Lamp', 3.14159, 'fragile', '00000000-0000-0000-0000-00000000000a')");
    }

    /** Diff, write the changeset file, apply it with Liquibase; returns the change titles. */
    private List<String> apply(List<Class<?>> model, String name) throws Exception {
        return apply(model, name, false);
    }

    /** The same, with drops of look-alike tables and columns allowed. */
    private List<String> applyDropping(List<Class<?>> model, String name) throws Exception {
        return apply(model, name, true);
    }

    private List<String> apply(List<Class<?>> model, String name, boolean dropAndAdd) throws Exception {
        List<Change> changes = Generator.diff(db, model, dropAndAdd);
        if (!changes.isEmpty()) {
            Path file = ChangelogWriter.write(project.resolve("changelog"), name, changes);
            // what the generator writes passes lint: no error or warning, only findings accepted in the changeset with a reason
            List<Finding> findings = Selection.since(Changelog.in(project), file.getFileName().toString()).findings();
            List<Finding> open = findings.stream().filter(f -> !f.accepted()).toList();
            assertEquals(List.of(), open, "lint findings on the generated " + file.getFileName() + ":\n" + Linter.format(findings)
                    + Files.readString(file));
            lintAccepted.addAll(findings.stream().filter(Finding::accepted).map(f -> f.rule().id()).toList());
            try (Connection c = TestDatabase.connect(db); Migrator m = new Migrator(c, Changelog.in(project))) {
                m.update();
            }
        }
        return changes.stream().map(Change::title).toList();
    }

    private void assertInSync(List<Class<?>> model) throws Exception {
        assertEquals(List.of(), Generator.diff(db, model, false).stream().map(Change::title).toList(), "second diff is empty");
        Entities.open(db, "validate", model).close();
    }

    private Catalog catalog() throws Exception {
        try (Connection c = TestDatabase.connect(db)) {
            return Catalog.read(c);
        }
    }

    @Test
    void firstChangesetCreatedTheModel() throws Exception {
        assertTrue(Files.exists(project.resolve("changelog/0000_init.sql")));
        assertInSync(V1);
    }

    @Test
    void addNullableColumnAndNotNullColumnWithDefault() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemWithColumns.class);
        assertEquals(List.of("add column items.colour", "add column items.currency"), apply(v2, "add-colour-currency"));
        assertEquals("Lamp|EUR|null", TestDatabase.queryOne(db, "SELECT name || '|' || currency || '|' || coalesce(colour, 'null') FROM items"));
        assertInSync(v2);
    }

    @Test
    void dropColumn() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemWithoutNote.class);
        List<Change> changes = Generator.diff(db, v2, false);
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).warning().startsWith("DESTRUCTIVE"), changes.get(0).toString());
        assertEquals(List.of("drop column items.note"), apply(v2, "drop-note"));
        assertEquals("Lamp", TestDatabase.queryOne(db, "SELECT name FROM items"));
        assertInSync(v2);
    }

    @Test
    void changeTypesDefaultsAndNullabilityThenBack() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemRetyped.class);
        // 3.14159 would become 3.14 in numeric(12,2): the data check stops migrate before the first step, on every major
        Exception rounded = assertThrows(Exception.class, () -> apply(v2, "retype-rounding"));
        assertTrue(String.valueOf(rounded.getMessage()).contains("1 values of items.price would be changed or refused by the new type numeric(12,2)"),
                rounded.getMessage());
        assertEquals("3.14159", TestDatabase.queryOne(db, "SELECT price FROM items"));
        Files.delete(project.resolve("changelog/0001_retype-rounding.sql"));
        Path master = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("    <include file=\"0001_retype-rounding.sql\" relativeToChangelogFile=\"true\"/>\n", ""));
        TestDatabase.execute(db, "UPDATE items SET price = 3.14");
        // one changeset per column, in the table's column order (Hibernate put price before name); NOT NULL in three steps
        assertEquals(List.of("alter column items.price: type numeric -> numeric(12,2), default null -> 0",
                "NOT NULL items.price, step 1 of 3: a CHECK (price IS NOT NULL) added NOT VALID",
                "NOT NULL items.price, step 2 of 3: the check validated (a scan that lets reads and writes go on)",
                "NOT NULL items.price, step 3 of 3: SET NOT NULL, taken from the validated check without a scan, and the check dropped",
                "alter column items.name: type text -> character varying(100)",
                "alter column items.note: default null -> 'none'::text"), apply(v2, "retype"));
        assertEquals("Lamp|3.14|fragile", TestDatabase.queryOne(db, "SELECT name || '|' || price || '|' || note FROM items"));
        assertInSync(v2);
        assertEquals(3, apply(V1, "back").size(), "NOT NULL -> nullable, and the types back");
        assertEquals("Lamp|3.14", TestDatabase.queryOne(db, "SELECT name || '|' || price FROM items"));
        assertInSync(V1);
    }

    @Test
    void addTableWithForeignKeysAndCompositeUnique() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.Item.class, Model.Loan.class);
        assertEquals(List.of("create table loans", "add constraint loans_borrower_id_owners_id_fk", "add constraint loans_item_id_items_id_fk"),
                apply(v2, "add-loans"));
        Catalog catalog = catalog();
        assertTrue(catalog.constraints().get("loans_item_id_items_id_fk").definition().endsWith("ON DELETE CASCADE"));
        assertTrue(catalog.constraints().get("loans_borrower_id_owners_id_fk").definition().endsWith("ON DELETE SET NULL"));
        assertEquals("UNIQUE (item_id, borrower_id)", catalog.constraints().get("loans_itemId_borrowerId_unique").definition());
        assertInSync(v2);
    }

    @Test
    void unnamedConstraintsAndIndexesFollowTheConvention() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.Item.class, Model.Tag.class);
        assertEquals(List.of("create table tags", "add constraint tags_item_id_items_id_fk"), apply(v2, "tags"));
        Catalog catalog = catalog();
        assertTrue(catalog.constraints().containsKey("tags_item_id_label_unique"), catalog.constraints().keySet().toString());
        assertTrue(catalog.indexes().containsKey("tags_label_index"), catalog.indexes().keySet().toString());
        assertInSync(v2);
        // names already in a database never change: the older convention's, or one a DBA chose, are kept
        TestDatabase.execute(db, "ALTER TABLE tags RENAME CONSTRAINT tags_item_id_label_unique TO \"tags_itemId_label_unique\"",
                "ALTER INDEX tags_label_index RENAME TO tags_by_label", "ALTER TABLE tags RENAME CONSTRAINT tags_item_id_items_id_fk TO tags_item_fk");
        assertInSync(v2);
    }

    @Test
    void foreignKeyAndCheckOnATableWithRowsAreAddedNotValidThenValidated() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemWithBuyerAndCheck.class);
        assertEquals(List.of("add column items.buyer_id",
                "add constraint items_price_check NOT VALID, step 1 of 2 (no scan)", "validate constraint items_price_check, step 2 of 2 (reads and writes go on)",
                "add constraint items_buyer_id_owners_id_fk NOT VALID, step 1 of 2 (no scan)",
                "validate constraint items_buyer_id_owners_id_fk, step 2 of 2 (reads and writes go on)"), apply(v2, "buyer"));
        Catalog catalog = catalog();
        assertEquals("CHECK ((price >= (0)::numeric))", catalog.constraints().get("items_price_check").definition(), "validated: no NOT VALID left");
        assertTrue(catalog.constraints().get("items_buyer_id_owners_id_fk").definition().endsWith("ON DELETE SET NULL"));
        assertInSync(v2);
        assertThrows(java.sql.SQLException.class, () -> TestDatabase.execute(db, "UPDATE items SET price = -1"), "the check holds");
        // a changed foreign key (ON DELETE) is one logical change: dropped and re-added in the same changeset, then validated
        List<Class<?>> v3 = List.of(Model.Owner.class, Model.ItemWithBuyerCascading.class);
        assertEquals(List.of("change constraint items_buyer_id_owners_id_fk: NOT VALID, step 1 of 2 (no scan)",
                "validate constraint items_buyer_id_owners_id_fk, step 2 of 2 (reads and writes go on)"), apply(v3, "buyer-cascades"));
        assertTrue(catalog().constraints().get("items_buyer_id_owners_id_fk").definition().endsWith("ON DELETE CASCADE"));
        assertInSync(v3);
        assertEquals(List.of("drop constraint items_buyer_id_owners_id_fk", "drop constraint items_price_check", "drop column items.buyer_id"),
                apply(V1, "no-buyer"));
    }

    @Test
    void identityCommentsAndAnEnumCheckOnATableWithRows() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.Item.class, Mappings.Job.class);
        apply(v2, "jobs");
        TestDatabase.execute(db, "INSERT INTO jobs (id, title) VALUES (7, 'first'), (41, 'second')");
        List<Class<?>> v3 = List.of(Model.Owner.class, Model.Item.class, Mappings.JobNumbered.class);
        assertEquals(List.of("add column jobs.priority", "alter column jobs.id: GENERATED BY DEFAULT AS IDENTITY",
                "add constraint jobs_priority_check NOT VALID, step 1 of 2 (no scan)", "validate constraint jobs_priority_check, step 2 of 2 (reads and writes go on)",
                "comment on jobs", "comment on jobs.title"), apply(v3, "number-jobs"));
        TestDatabase.execute(db, "INSERT INTO jobs (title, priority) VALUES ('third', 'HIGH')");
        assertEquals("42", TestDatabase.queryOne(db, "SELECT id FROM jobs WHERE title = 'third'"), "numbering goes on after the highest id");
        assertEquals("Work to do", TestDatabase.queryOne(db, "SELECT obj_description('jobs'::regclass, 'pg_class')"));
        assertInSync(v3); // the CHECK Hibernate writes for the enum reads back the same: no drop and re-add
        List<Class<?>> always = List.of(Model.Owner.class, Model.Item.class, Mappings.JobNumberedAlways.class);
        assertEquals(List.of("alter column jobs.id: GENERATED ALWAYS AS IDENTITY"), apply(always, "jobs-numbered-by-the-database"));
        assertThrows(java.sql.SQLException.class, () -> TestDatabase.execute(db, "INSERT INTO jobs (id, title) VALUES (100, 'chosen id')"),
                "ALWAYS refuses an id from the application");
        TestDatabase.execute(db, "INSERT INTO jobs (title) VALUES ('fourth')");
        assertEquals("43", TestDatabase.queryOne(db, "SELECT id FROM jobs WHERE title = 'fourth'"));
        assertInSync(always);
        assertEquals(List.of("alter column jobs.id: GENERATED BY DEFAULT AS IDENTITY"), apply(v3, "jobs-numbered-by-default-again"));
        TestDatabase.execute(db, "DELETE FROM jobs WHERE title = 'fourth'");
        assertEquals(List.of("drop constraint jobs_priority_check", "alter column jobs.id: identity dropped", "drop column jobs.priority",
                "remove comment on jobs", "remove comment on jobs.title"), apply(v2, "unnumber-jobs"));
        assertEquals("42", TestDatabase.queryOne(db, "SELECT max(id) FROM jobs"), "rows kept");
        assertInSync(v2);
    }

    /**
     * Indexes and constraints an entity cannot declare are a DBA's: the diff leaves them; a plain index
     * no entity declares is the entities' to drop.
     */
    @Test
    void indexesNoEntityCouldDeclareAreLeftAlone() throws Exception {
        TestDatabase.execute(db, "CREATE INDEX items_lower_name_idx ON items (lower(name))",
                "CREATE INDEX items_priced_idx ON items (price) WHERE price > 0",
                "CREATE INDEX items_note_include_idx ON items (name) INCLUDE (note)",
                "CREATE INDEX items_note_hash_idx ON items USING hash (note)",
                "CREATE INDEX items_name_desc_idx ON items (name DESC, price)",
                "ALTER TABLE items ADD CONSTRAINT items_one_per_name EXCLUDE USING btree (name WITH =)");
        assertEquals(List.of("drop index items_name_desc_idx CONCURRENTLY"), apply(V1, "drop-plain-index"));
        Catalog after = catalog();
        assertTrue(after.constraints().containsKey("items_one_per_name"), "an exclusion constraint, which no entity can declare, is kept");
        for (String kept : List.of("items_lower_name_idx", "items_priced_idx", "items_note_include_idx", "items_note_hash_idx")) {
            assertTrue(after.indexes().containsKey(kept), kept + " kept: " + after.indexes().keySet());
        }
        assertInSync(V1);
    }

    @Test
    void sequencesAreCreatedAndTheirOptionsChanged() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.Item.class, Mappings.Receipt.class);
        assertEquals(List.of("create sequence receipt_numbers", "create table receipts"), apply(v2, "receipts"));
        assertInSync(v2);
        List<Class<?>> v3 = List.of(Model.Owner.class, Model.Item.class, Mappings.ReceiptSmallerBlocks.class);
        List<String> changed = apply(v3, "smaller-blocks");
        assertEquals(1, changed.size(), changed.toString());
        assertTrue(changed.get(0).startsWith("alter sequence receipt_numbers: AS bigint INCREMENT BY 10"), changed.toString());
        assertEquals("10", TestDatabase.queryOne(db, "SELECT seqincrement FROM pg_sequence WHERE seqrelid = 'receipt_numbers'::regclass"));
        assertInSync(v3);
        assertEquals(List.of("drop table receipts", "drop sequence receipt_numbers"), applyDropping(V1, "no-receipts"));
        assertInSync(V1);
    }

    @Test
    void aVirtualGeneratedColumnOnPostgres18() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Integer.parseInt(TestDatabase.queryOne(db, "SHOW server_version_num")) >= 180000,
                "virtual generated columns are PostgreSQL 18's");
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.Item.class, Mappings.Job.class);
        apply(v2, "jobs");
        TestDatabase.execute(db, "INSERT INTO jobs (id, title) VALUES (1, 'four')");
        List<Class<?>> v3 = List.of(Model.Owner.class, Model.Item.class, Mappings.JobWithVirtual.class);
        assertEquals(List.of("add column jobs.title_length"), apply(v3, "virtual"));
        String sql;
        try (var files = Files.list(project.resolve("changelog"))) {
            sql = Files.readString(files.filter(f -> f.getFileName().toString().contains("virtual")).findFirst().orElseThrow());
        }
        assertTrue(sql.contains("GENERATED ALWAYS AS (length((title)::text)) VIRTUAL") || sql.contains("GENERATED ALWAYS AS (length(title)) VIRTUAL"), sql);
        assertTrue(catalog().tables().get("jobs").columns().get("title_length").virtual());
        assertEquals("4", TestDatabase.queryOne(db, "SELECT title_length FROM jobs"), "computed when read");
        assertInSync(v3);
    }

    @Test
    void addAndDropNamedUniqueConstraintAndMultiColumnIndex() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemWithKeys.class);
        assertEquals(List.of("unique index items_name_ownerId_unique built CONCURRENTLY, step 1 of 2", "add constraint items_name_ownerId_unique using its index, step 2 of 2",
                "create index items_owner_id_price_index CONCURRENTLY"), apply(v2, "keys"));
        assertTrue(catalog().indexes().get("items_owner_id_price_index").definition().endsWith("(owner_id, price)"));
        assertInSync(v2);
        assertEquals(List.of("drop constraint items_name_ownerId_unique", "drop index items_owner_id_price_index CONCURRENTLY"), apply(V1, "no-keys"));
        assertInSync(V1);
    }

    @Test
    void addEnumValueAndNewEnumType() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemWithSize.class);
        assertEquals(List.of("create enum item_size_enum", "add column items.size"), apply(v2, "size"));
        TestDatabase.execute(db, "UPDATE items SET size = 'LARGE'");
        List<Class<?>> v3 = List.of(Model.Owner.class, Model.ItemWithMoreSizesAndStatus.class);
        assertEquals(List.of("add values to enum item_size_enum", "create enum item_status_enum", "add column items.status"),
                apply(v3, "medium-and-status"));
        assertEquals(List.of("SMALL", "MEDIUM", "LARGE"), catalog().enums().get("item_size_enum"));
        assertEquals("LARGE", TestDatabase.queryOne(db, "SELECT size::text FROM items"));
        assertInSync(v3);
    }

    @Test
    void addTextArrayWithEmptyDefault() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemWithTags.class);
        assertEquals(List.of("add column items.tags"), apply(v2, "tags"));
        assertEquals("{}", TestDatabase.queryOne(db, "SELECT tags::text FROM items"));
        assertEquals("'{}'::text[]", catalog().tables().get("items").columns().get("tags").defaultExpr());
        assertInSync(v2);
    }

    @Test
    void renameColumnDeclaredKeepsValues() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemRenamedColumn.class);
        assertEquals(List.of("rename column items.note to remark"), apply(v2, "rename-note"));
        assertEquals("fragile", TestDatabase.queryOne(db, "SELECT remark FROM items"));
        assertInSync(v2);
    }

    @Test
    void undeclaredColumnRenameIsRefused() throws Exception {
        List<Class<?>> v2 = List.of(Model.Owner.class, Model.ItemUndeclaredRename.class);
        RenameRefusedException e = assertThrows(RenameRefusedException.class, () -> Generator.diff(db, v2, false));
        assertTrue(e.getMessage().contains("Column items.note disappears and items.remark"), e.getMessage());
        assertTrue(e.getMessage().contains("@RenamedFrom(\"note\")"), e.getMessage());
        List<String> explicit = Generator.diff(db, v2, true).stream().map(Change::title).toList();
        assertEquals(List.of("add column items.remark", "drop column items.note"), explicit);
    }

    @Test
    void renameTableDeclaredKeepsRows() throws Exception {
        List<Class<?>> v2 = List.of(Model.Person.class, Model.ItemOfPerson.class);
        assertEquals(List.of("rename table owners to people"), apply(v2, "rename-owners"));
        assertEquals("Ada", TestDatabase.queryOne(db, "SELECT name FROM people"));
        assertEquals("Ada", TestDatabase.queryOne(db, "SELECT p.name FROM items i JOIN people p ON p.id = i.owner_id"));
        assertInSync(v2);
    }

    @Test
    void undeclaredTableRenameIsRefused() {
        List<Class<?>> v2 = List.of(Model.PersonUndeclared.class, Model.ItemOfUndeclaredPerson.class);
        RenameRefusedException e = assertThrows(RenameRefusedException.class, () -> Generator.diff(db, v2, false));
        assertTrue(e.getMessage().contains("Table owners disappears and people appears"), e.getMessage());
        assertTrue(e.getMessage().contains("@RenamedFrom(\"owners\")"), e.getMessage());
    }

    @Test
    void generatedFileReadsWellForADba() throws Exception {
        apply(List.of(Model.Owner.class, Model.ItemWithoutNote.class), "Drop the note!");
        String file = Files.readString(project.resolve("changelog/0001_drop-the-note.sql"));
        assertTrue(file.startsWith("--liquibase formatted sql\n"), file);
        assertTrue(file.contains("--changeset budgetron:0001_drop-the-note\n"), file);
        assertTrue(file.contains("--comment: drop column items.note. DESTRUCTIVE"), file);
        assertTrue(file.contains("--rollback ALTER TABLE \"items\" ADD COLUMN \"note\" text;"), file);
        String master = Files.readString(project.resolve("changelog/db.changelog-master.xml"));
        assertTrue(master.indexOf("0000_init.sql") < master.indexOf("0001_drop-the-note.sql"), master);
    }
}
