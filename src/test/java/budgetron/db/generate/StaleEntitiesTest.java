package budgetron.db.generate;

import budgetron.db.support.Cli;
import budgetron.db.support.MigratedProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * generate compares the project's entities as they are now, never an older copy. The sequence of
 * the report: an entity edited and compiled, its changeset generated and applied, then generate
 * run again by the CLI, whose own class path holds the entities without the edit. Comparing those
 * wrote a changeset dropping the new column, pre-accepted for lint.
 */
class StaleEntitiesTest {
    @RegisterExtension
    final MigratedProject project = MigratedProject.migrated();

    private Path sources() {
        return project.dir().resolve("src/main/java/budgetron/db/entity");
    }

    /** The project's entity sources, copied, and compiled into its target/classes as mvn compile would. */
    private void checkoutWithBuild() throws Exception {
        Files.createDirectories(sources());
        try (Stream<Path> files = Files.list(Path.of("src/main/java/budgetron/db/entity"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sources().resolve(f.getFileName()));
            }
        }
        compile();
    }

    private void compile() throws Exception {
        Path out = project.dir().resolve("target/classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"));
        try (Stream<Path> files = Files.list(sources())) {
            files.map(Path::toString).forEach(args::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the copied entities compile");
    }

    private void addNickname() throws Exception {
        Path user = sources().resolve("User.java");
        String java = Files.readString(user);
        Files.writeString(user, java.replaceFirst("(public class User extends BaseEntity \\{\n)",
                "$1    @jakarta.persistence.Column(name = \"nickname\")\n    private String nickname;\n\n"));
        assertTrue(Files.readString(user).contains("private String nickname;"), "the edit applies to User.java as it is");
    }

    @Test
    void generateAfterTheChangeIsAppliedWritesNothing() throws Exception {
        checkoutWithBuild();
        addNickname();
        compile();
        Cli first = project.run("generate", "--name", "add-nickname");
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.out.contains("Entities: target/classes"), first.toString());
        String written = Files.readString(project.dir().resolve("changelog/0010_add-nickname.sql"));
        assertTrue(written.contains("ADD COLUMN \"nickname\""), written);
        assertEquals(0, project.run("migrate").exitCode);

        Cli again = project.run("generate");
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("No changes"), again.toString());
        try (Stream<Path> files = Files.list(project.dir().resolve("changelog"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("0011")).toList(),
                    "no changeset that undoes the one just applied");
        }
    }

    @Test
    void sourcesNewerThanTheirClassesAreRefused() throws Exception {
        checkoutWithBuild();
        addNickname();
        Path user = sources().resolve("User.java");
        Files.setLastModifiedTime(user, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Cli r = project.run("generate");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("The entities changed since the last build (budgetron/db/entity/User.java changed after it was compiled): run mvn compile"),
                r.toString());
        assertFalse(Files.exists(project.dir().resolve("changelog/0010_schema-changes.sql")));
        assertEquals(1, project.run("push", "--env", "development").exitCode, "push reads the same entities");
    }

    @Test
    void aDeletedEntityWhoseClassRemainsIsRefused() throws Exception {
        checkoutWithBuild();
        Files.delete(sources().resolve("FeatureFlag.java"));
        Cli r = project.run("generate");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.err.contains("FeatureFlag.class is left from a deleted source"), r.toString());
        assertTrue(r.err.contains("mvn clean compile"), r.toString());
    }

    @Test
    void aDropFromTheVerifiedBuildIsPreAcceptedAndFromTheJarIsNot() throws Exception {
        checkoutWithBuild();
        Files.delete(sources().resolve("FeatureFlag.java"));
        Files.delete(project.dir().resolve("target/classes/budgetron/db/entity/FeatureFlag.class"));
        Cli r = project.run("generate", "--name", "drop-flags");
        assertEquals(0, r.exitCode, r.toString());
        String sql = Files.readString(project.dir().resolve("changelog/0010_drop-flags.sql"));
        assertTrue(sql.contains("DROP TABLE \"feature_flags\"") && sql.contains("-- lint:accept drop-table"), sql);

        // without a build, the jar's classes: the same kind of drop is left for the review to accept
        budgetron.db.cli.launcher.FileTrees.delete(project.dir().resolve("target"));
        Files.writeString(project.dir().resolve("liquibase.properties"), "entity-packages=budgetron.db.corpus.petclinic\n");
        Path master = project.dir().resolve("changelog/db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).replace("    <include file=\"0010_drop-flags.sql\" relativeToChangelogFile=\"true\"/>\n", ""));
        Files.delete(project.dir().resolve("changelog/0010_drop-flags.sql"));
        Cli jar = project.run("generate", "--name", "from-jar", "--drop-and-add");
        assertEquals(0, jar.exitCode, jar.toString());
        assertTrue(jar.out.contains("Entities: the classes packed in budgetron-db"), jar.toString());
        String fromJar = Files.readString(project.dir().resolve("changelog/0010_from-jar.sql"));
        assertTrue(fromJar.contains("DROP TABLE \"feature_flags\""), fromJar);
        assertFalse(fromJar.contains("-- lint:accept drop-table"), fromJar);
    }
}
