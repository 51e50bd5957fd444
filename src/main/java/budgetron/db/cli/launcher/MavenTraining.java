package budgetron.db.cli.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data-sharing archive for `mvn liquibase:update` and `mvn liquibase:diff`
 * (target/maven-liquibase.jsa, named in .mvn/jvm.config): make-launcher.sh runs
 * java -cp budgetron-db-cli.jar budgetron.db.cli.launcher.MavenTraining PROJECT_DIR ARCHIVE, which starts a
 * throw-away embedded PostgreSQL and runs `mvn liquibase:update liquibase:diff` against it in a copy
 * of the project (so that a diff can never write into the real changelog), with
 * -XX:ArchiveClassesAtExit. Maven, its plugin realm and Liquibase then start from parsed and
 * verified classes: 0.25 s of each goal. An archive that no longer fits (another JVM, changed
 * jars) is ignored by Java without a word, so it can only be stale, never wrong.
 * Exit code 0 when the archive was written, else 1 (make-launcher.sh then leaves it out).
 */
public final class MavenTraining {
    private MavenTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        // Dumping a dynamic archive needs the JDK's own base archive loaded: the project's jvm.config
        // names the previous maven archive, so this run names the base one after it (the last wins).
        String javaHome = System.getenv().getOrDefault("JAVA_HOME", System.getProperty("java.home"));
        Path base = Path.of(javaHome, "lib", "server", "classes.jsa");
        if (!Files.isRegularFile(base)) {
            System.err.println("[budgetron] maven archive: this JDK has no base archive at " + base);
            System.exit(1);
        }
        Files.deleteIfExists(archive);
        Path copy = Files.createTempDirectory("budgetron-maven-training");
        int code;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE training");
            }
            for (String f : List.of("pom.xml", "liquibase.properties", "liquibase.development.properties", ".mvn", "changelog", "target/classes")) {
                if (Files.exists(project.resolve(f))) {
                    FileTrees.copy(project.resolve(f), copy.resolve(f));
                }
            }
            ProcessBuilder mvn = new ProcessBuilder("mvn", "-B", "-q", "liquibase:update", "liquibase:diff")
                    .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            mvn.environment().put("DB_URL", "postgres://postgres@127.0.0.1:" + pg.getPort() + "/training");
            // the user's own MAVEN_OPTS (a proxy, a heap size) first; the archive options after them win
            String userOptions = System.getenv().getOrDefault("MAVEN_OPTS", "");
            mvn.environment().put("MAVEN_OPTS", userOptions + " -XX:SharedArchiveFile=" + base + " -XX:ArchiveClassesAtExit=" + archive
                    + " -Xlog:cds=off -Xlog:cds+dynamic=off");
            Process p = mvn.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            code = p.isAlive() ? -1 : p.exitValue();
        } finally {
            FileTrees.delete(copy);
        }
        if (code != 0 || !Files.isRegularFile(archive)) {
            System.err.println("[budgetron] maven archive: mvn liquibase:update liquibase:diff exited with " + code);
            Files.deleteIfExists(archive);
            System.exit(1);
        }
        System.exit(0);
    }
}
