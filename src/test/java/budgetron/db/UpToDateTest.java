package budgetron.db;

import budgetron.db.config.DbUrl;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.ChangelogIndex;
import budgetron.db.liquibase.HistoryCheck;
import budgetron.db.liquibase.Migrator;
import budgetron.db.liquibase.UpToDate;
import budgetron.db.support.MigratedProject;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import liquibase.exception.ValidationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate's one-query "up to date" answer is Liquibase's answer, in every case that could tell them apart. */
class UpToDateTest {
    @RegisterExtension
    final MigratedProject migrated = MigratedProject.migrated();
    private Path project;
    private DbUrl db;

    @BeforeEach
    void migrated() {
        project = migrated.dir();
        db = migrated.db();
    }

    /** Liquibase's own verdict: nothing pending and the history agrees with the changelog (a validation failure is a no). */
    private boolean liquibaseSaysUpToDate(Changelog changelog) throws Exception {
        try (Connection c = TestDatabase.connect(db); Migrator m = new Migrator(c, changelog)) {
            return m.pending().isEmpty() && HistoryCheck.of(m.changelog(), m.applied()).ok();
        } catch (ValidationFailedException e) {
            return false;
        }
    }

    private boolean fastSaysUpToDate(Changelog changelog) throws Exception {
        try (Connection c = TestDatabase.connect(db)) {
            return UpToDate.check(c, ChangelogIndex.find(changelog));
        }
    }

    private void assertSameAnswer(boolean expected) throws Exception {
        for (Changelog changelog : new Changelog[] {Changelog.in(project), Changelog.bundled()}) {
            assertEquals(expected, liquibaseSaysUpToDate(changelog), "Liquibase, " + changelog);
            assertEquals(expected, fastSaysUpToDate(changelog), "one query, " + changelog);
        }
    }

    @Test
    void upToDate() throws Exception {
        assertNotNull(ChangelogIndex.bundled(), "the build put the index into the jar");
        assertSameAnswer(true);
    }

    @Test
    void aChangesetNotApplied() throws Exception {
        TestDatabase.execute(db, "DELETE FROM databasechangelog WHERE id = '0009_add-currency-rates-table'");
        assertSameAnswer(false);
    }

    @Test
    void aChecksumThatDiffers() throws Exception {
        TestDatabase.execute(db, "UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '0004_add-investment-account-type'");
        assertSameAnswer(false);
    }

    @Test
    void aChecksumNotStoredYet() throws Exception {
        TestDatabase.execute(db, "UPDATE databasechangelog SET md5sum = NULL WHERE id = '0004_add-investment-account-type'");
        assertTrue(liquibaseSaysUpToDate(Changelog.in(project)), "Liquibase fills the checksum in and has nothing to do");
        TestDatabase.execute(db, "UPDATE databasechangelog SET md5sum = NULL WHERE id = '0004_add-investment-account-type'");
        assertFalse(fastSaysUpToDate(Changelog.in(project)), "the fast check leaves that to Liquibase");
    }

    @Test
    void aRowFromANewerRelease() throws Exception {
        TestDatabase.execute(db, "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum) "
                + "VALUES ('0010_future', 'budgetron', 'changelog/0010_future.sql', now(), 11, 'EXECUTED', '9:abc')");
        assertSameAnswer(false);
    }

    @Test
    void noHistoryTable() throws Exception {
        TestDatabase.execute(db, "DROP TABLE databasechangelog");
        assertSameAnswer(false);
    }

    @Test
    void anEditedCheckoutFallsBackThenCachesItsIndex() throws Exception {
        Path file = project.resolve("changelog/0007_add-currency-bank-account.sql");
        Files.writeString(file, Files.readString(file) + "\n");
        assertNull(ChangelogIndex.find(Changelog.in(project)), "the jar's index no longer describes these files");
        assertFalse(fastSaysUpToDate(Changelog.in(project)));
        assertTrue(liquibaseSaysUpToDate(Changelog.in(project)), "a trailing blank line does not change Liquibase's checksum");
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString()).exitCode);
        assertTrue(Files.exists(project.resolve(ChangelogIndex.CACHE)));
        assertTrue(fastSaysUpToDate(Changelog.in(project)), "the full run cached the checkout's index");
    }

    @Test
    void aRunAlwaysChangesetTurnsTheFastCheckOff() throws Exception {
        Files.writeString(project.resolve("changelog/0010_always.sql"),
                "--liquibase formatted sql\n\n--changeset test:0010_always runAlways:true\nSELECT 1;\n--rollback SELECT 1;\n");
        Path master = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"0010_always.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        assertEquals(0, Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString()).exitCode);
        ChangelogIndex index = ChangelogIndex.find(Changelog.in(project));
        assertNotNull(index);
        assertNotNull(index.unsupported());
        assertFalse(fastSaysUpToDate(Changelog.in(project)), "runAlways changesets run at every migrate");
        assertFalse(liquibaseSaysUpToDate(Changelog.in(project)));
    }

    /** migrate reports what Liquibase ran: a new changeset, then an edited runOnChange one, then nothing. */
    @Test
    void migrateReportsWhatRan() throws Exception {
        Path file = project.resolve("changelog/0010_view.sql");
        Files.writeString(file, "--liquibase formatted sql\n\n--changeset test:0010_view runOnChange:true\n"
                + "CREATE OR REPLACE VIEW user_names AS SELECT name FROM users;\n--rollback DROP VIEW user_names;\n");
        Path master = project.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"0010_view.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        Cli first = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.out.contains("Applied 1 changeset:\n  0010_view  (changelog/0010_view.sql)"), first.toString());

        Files.writeString(file, Files.readString(file).replace("SELECT name FROM", "SELECT name, email FROM"));
        Cli rerun = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(0, rerun.exitCode, rerun.toString());
        assertTrue(rerun.out.contains("Applied 1 changeset:\n  0010_view  (changelog/0010_view.sql)"), "the edited runOnChange changeset ran again: " + rerun);
        assertEquals(1, TestDatabase.count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'user_names' AND column_name = 'email'"));

        // an edited checkout takes the full path (no index describes it); with nothing to run it says so
        Cli again = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", project.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("Database is up to date: nothing to apply."), again.toString());
        assertFalse(again.out.contains("Applied"), again.toString());
    }
}
