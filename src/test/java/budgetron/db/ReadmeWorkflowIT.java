package budgetron.db;

import budgetron.db.support.ProjectCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's daily workflow, command by command as the README writes them, in a copy of this
 * project with the packaged launcher (hence an IT: it runs after mvn package). The comment line
 * that says to change an entity is where the test adds User.nickname.
 */
class ReadmeWorkflowIT {
    /** The first ```sh block after the "## The daily workflow" heading, line by line. */
    static List<String> workflow() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## The daily workflow");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void theDailyWorkflowRunsAsWritten(@TempDir Path clone) throws Exception {
        assumeTrue(System.getenv("DB_URL") == null, "DB_URL is set in this environment");
        Path here = Path.of("").toAbsolutePath();
        for (String f : List.of("pom.xml", "liquibase.properties", "liquibase.development.properties")) {
            Files.copy(here.resolve(f), clone.resolve(f));
        }
        for (String tree : List.of(".mvn", "src/main", "changelog")) {
            ProjectCopy.copyTree(here.resolve(tree), clone.resolve(tree));
        }
        Files.createDirectories(clone.resolve("target"));
        for (String built : List.of("budgetron-db", "budgetron-db-cli.jar")) {
            Files.copy(here.resolve("target").resolve(built), clone.resolve("target").resolve(built));
        }
        clone.resolve("target/budgetron-db").toFile().setExecutable(true);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // the embedded development database, on a port of the test's own
        }
        Files.writeString(clone.resolve("liquibase.development.properties"), "\ndev-db-port=" + port + "\n", StandardOpenOption.APPEND);

        List<String> commands = workflow();
        assertTrue(commands.stream().anyMatch(l -> l.startsWith("# ") && l.contains("change an entity")), "the block says where to edit: " + commands);
        List<String> outputs = new ArrayList<>();
        for (String line : commands) {
            if (line.startsWith("#")) {
                if (line.contains("change an entity")) {
                    addNickname(clone.resolve("src/main/java/budgetron/db/entity/User.java"));
                }
                continue;
            }
            outputs.add(run(clone, line));
        }
        String written = Files.readString(clone.resolve("changelog/0010_add-nickname.sql"));
        assertTrue(written.contains("ADD COLUMN \"nickname\""), written);
        assertTrue(outputs.get(outputs.size() - 2).contains("Applied 1 changeset"), outputs.toString());
        assertTrue(outputs.get(outputs.size() - 1).contains("No changes"), "generate after the change is applied: " + outputs);
    }

    private static void addNickname(Path user) throws Exception {
        String java = Files.readString(user);
        String edited = java.replaceFirst("(public class User extends BaseEntity \\{\n)", "$1    private String nickname;\n\n");
        assertTrue(!edited.equals(java), "User.java has the shape the test edits");
        Files.writeString(user, edited);
    }

    /** One line of the block through sh, in the clone; its output; a non-zero exit fails the test. */
    private static String run(Path dir, String line) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", line).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("DB_URL");
        pb.environment().remove("BUDGETRON_ENV");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), line);
        assertEquals(0, p.exitValue(), "README line `" + line + "`:\n" + out);
        return out;
    }
}
