package budgetron.db.rehearse;

import budgetron.db.support.Cli;
import budgetron.db.support.MigratedProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lint and check read SQL as text; with --execute, PostgreSQL itself reads it, on an empty scratch database. */
class ExecuteTest {
    @RegisterExtension
    final MigratedProject project = MigratedProject.empty();

    @Test
    void aSyntaxErrorPassesTheTextChecksAndIsFoundByExecute() {
        project.addChangeset("0010_typo.sql", "--liquibase formatted sql\n\n--changeset ops:0010_typo\n"
                + "ALTER TABLE users ADD COLUMN nickname txet;\n--rollback ALTER TABLE users DROP COLUMN nickname;\n");
        assertEquals(0, project.run("lint", "--since", "0010_typo").exitCode, "the text looks fine to the lint");
        Cli lint = project.run("lint", "--since", "0010_typo", "--execute");
        assertEquals(1, lint.exitCode, lint.toString());
        assertTrue(lint.out.contains("changelog/0010_typo.sql  ERROR  execute  0010_typo"), lint.out);
        assertTrue(lint.out.contains("PostgreSQL refuses it on an empty database (after 10 changesets applied): type \"txet\" does not exist"), lint.out);

        Cli check = Cli.run("check", "--project-dir", project.dir().toString(), "--execute");
        assertEquals(1, check.exitCode, check.toString());
        assertTrue(check.out.contains("changelog/0010_typo.sql [0010_typo]: PostgreSQL refuses it on an empty database"), check.out);
        assertEquals(0, Cli.run("check", "--project-dir", project.dir().toString()).exitCode, "without --execute the files look consistent");
    }
}
