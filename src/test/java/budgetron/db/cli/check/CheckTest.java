package budgetron.db.cli.check;

import budgetron.db.config.DbUrl;
import budgetron.db.support.Cli;
import budgetron.db.support.ProjectCopy;
import budgetron.db.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** budgetron-db check in real git repositories: parallel branches, released changesets, includes. */
class CheckTest {
    @TempDir
    Path repo;

    @BeforeEach
    void mainBranch() throws Exception {
        ProjectCopy.into(repo);
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("commit", "-q", "-m", "released changelog");
    }

    @Test
    void mergedBranchesWithTheSameNumberAreCaughtAndRenumbered() throws Exception {
        git("checkout", "-q", "-b", "feature-a");
        addChangeset("0010_create-tags.sql", "0010_create-tags-1", "CREATE TABLE tags (id text PRIMARY KEY);", "DROP TABLE tags;");
        git("add", ".");
        git("commit", "-q", "-m", "a");
        git("checkout", "-q", "main");
        git("checkout", "-q", "-b", "feature-b");
        addChangeset("0010_create-notes.sql", "0010_create-notes-1", "CREATE TABLE notes (id text PRIMARY KEY);", "DROP TABLE notes;");
        git("add", ".");
        git("commit", "-q", "-m", "b");
        git("checkout", "-q", "main");
        git("merge", "-q", "feature-a");
        // the developer of b merges main and resolves the master conflict by keeping both include lines
        git("checkout", "-q", "feature-b");
        gitAllowFailure("merge", "-q", "main");
        Path master = repo.resolve("changelog/db.changelog-master.xml");
        String resolved = Files.readString(master).replaceAll("(?m)^(<<<<<<<|=======|>>>>>>>).*\\n", "");
        Files.writeString(master, resolved);
        git("add", ".");
        git("commit", "-q", "-m", "merge main");

        Cli before = Cli.run("check", "--project-dir", repo.toString());
        assertEquals(1, before.exitCode, before.toString());
        assertTrue(before.out.contains("changelog/0010_create-tags.sql: has the same number as changelog/0010_create-notes.sql")
                || before.out.contains("changelog/0010_create-notes.sql: has the same number as changelog/0010_create-tags.sql"), before.toString());
        Cli against = Cli.run("check", "--against", "main", "--project-dir", repo.toString());
        assertEquals(1, against.exitCode, against.toString());
        assertTrue(against.out.contains("[0010_create-notes-1]: is new but runs before 0010_create-tags-1"), against.toString());

        Cli fix = Cli.run("check", "--against", "main", "--fix", "--project-dir", repo.toString());
        assertEquals(0, fix.exitCode, fix.toString());
        assertTrue(fix.out.contains("Renamed changelog/0010_create-notes.sql -> changelog/0011_create-notes.sql"), fix.toString());
        assertTrue(Files.readString(repo.resolve("changelog/0011_create-notes.sql")).contains("--changeset budgetron:0011_create-notes-1"));
        assertFalse(Files.exists(repo.resolve("changelog/0010_create-notes.sql")));
        String fixedMaster = Files.readString(master);
        assertTrue(fixedMaster.indexOf("0010_create-tags.sql") < fixedMaster.indexOf("0011_create-notes.sql"), fixedMaster);
        assertEquals(0, Cli.run("check", "--against", "main", "--project-dir", repo.toString()).exitCode);

        DbUrl db = TestDatabase.fresh();
        Cli migrate = Cli.run("migrate", "--db-url", db.toString(), "--project-dir", repo.toString());
        assertEquals(0, migrate.exitCode, migrate.toString());
        assertEquals(2, TestDatabase.count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('tags', 'notes')"));
        assertEquals("0011_create-notes-1", TestDatabase.queryOne(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted DESC LIMIT 1"));
    }

    @Test
    void anEditedRemovedOrMovedReleasedChangesetIsCaught() throws Exception {
        Path file = repo.resolve("changelog/0009_add-currency-rates-table.sql");
        Files.writeString(file, Files.readString(file).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
        Cli r = Cli.run("check", "--against", "main", "--project-dir", repo.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("changelog/0009_add-currency-rates-table.sql [0009_add-currency-rates-table]: was edited since main"), r.toString());
        assertEquals(0, Cli.run("check", "--project-dir", repo.toString()).exitCode, "without --against an edit is not visible");

        git("checkout", "--", ".");
        Files.move(file, repo.resolve("changelog/0010_add-currency-rates-table.sql"));
        Path master = repo.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("0009_add-currency-rates-table.sql", "0010_add-currency-rates-table.sql"));
        r = Cli.run("check", "--against", "main", "--project-dir", repo.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("was moved from changelog/0009_add-currency-rates-table.sql"), r.toString());

        git("checkout", "--", ".");
        Files.delete(repo.resolve("changelog/0010_add-currency-rates-table.sql"));
        Files.writeString(master, Files.readString(master).replace("    <include file=\"0009_add-currency-rates-table.sql\" relativeToChangelogFile=\"true\"/>\n", ""));
        Files.delete(file);
        r = Cli.run("check", "--against", "main", "--project-dir", repo.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("exists in main but was removed here"), r.toString());
    }

    @Test
    void includesAndIdsAreChecked() throws Exception {
        Files.writeString(repo.resolve("changelog/0010_forgotten.sql"), "--liquibase formatted sql\n\n--changeset budgetron:0010_forgotten-1\nSELECT 1;\n--rollback SELECT 1;\n");
        Path master = repo.resolve("changelog/db.changelog-master.xml");
        String original = Files.readString(master);
        Files.writeString(master, original.replace("</databaseChangeLog>",
                "    <include file=\"0011_missing.sql\" relativeToChangelogFile=\"true\"/>\n"
                        + "    <include file=\"0004_add-investment-account-type.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        Cli r = Cli.run("check", "--project-dir", repo.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.out.contains("changelog/0010_forgotten.sql: is in changelog/ but changelog/db.changelog-master.xml does not include it"), r.toString());
        assertTrue(r.out.contains("changelog/0011_missing.sql: is included by changelog/db.changelog-master.xml but does not exist"), r.toString());
        assertTrue(r.out.contains("changelog/0004_add-investment-account-type.sql: is included twice"), r.toString());
        assertTrue(r.out.contains("is included after changelog/0011_missing.sql, out of numeric order"), r.toString());

        Files.writeString(master, original.replace("</databaseChangeLog>",
                "    <include file=\"0010_forgotten.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
        Files.writeString(repo.resolve("changelog/0010_forgotten.sql"),
                "--liquibase formatted sql\n\n--changeset budgetron:0009_add-currency-rates-table\nSELECT 1;\n--rollback SELECT 1;\n");
        r = Cli.run("check", "--project-dir", repo.toString(), "--json");
        assertEquals(1, r.exitCode, r.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out);
        assertFalse(doc.get("ok").asBoolean());
        assertEquals(11, doc.get("changesets").asInt());
        JsonNode problem = doc.get("problems").get(0);
        assertEquals("changelog/0010_forgotten.sql", problem.get("file").asText());
        assertEquals("0009_add-currency-rates-table", problem.get("changeset").asText());
        assertTrue(problem.get("problem").asText().contains("same changeset id"), r.out);
        assertTrue(problem.has("fix"));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Cli r = Cli.run("check", "--against", "no-such-branch", "--project-dir", repo.toString());
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.err.contains("Unknown git ref 'no-such-branch'"), r.toString());
        Cli fix = Cli.run("check", "--fix", "--project-dir", repo.toString());
        assertEquals(2, fix.exitCode, fix.toString());
        assertTrue(fix.err.contains("--fix needs --against REF"), fix.toString());

        Path notGit = Files.createTempDirectory("budgetron-nogit-");
        ProjectCopy.into(notGit);
        Cli outside = Cli.run("check", "--against", "main", "--project-dir", notGit.toString());
        assertEquals(2, outside.exitCode, outside.toString());
        assertTrue(outside.err.contains("is not inside a git checkout"), outside.toString());
        assertEquals(0, Cli.run("check", "--project-dir", notGit.toString()).exitCode, "the plain checks need no git");
    }

    private void addChangeset(String file, String id, String sql, String rollback) throws IOException {
        Files.writeString(repo.resolve("changelog").resolve(file),
                "--liquibase formatted sql\n\n--changeset budgetron:" + id + "\n" + sql + "\n--rollback " + rollback + "\n");
        Path master = repo.resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"" + file + "\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
    }

    private void git(String... args) throws Exception {
        int code = gitAllowFailure(args);
        assertEquals(0, code, "git " + String.join(" ", args));
    }

    private int gitAllowFailure(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.org",
                "-c", "commit.gpgsign=false", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            System.out.println("git " + String.join(" ", args) + ": " + output);
        }
        return code;
    }
}
