package budgetron.db.cli.launcher;

import budgetron.db.cli.Main;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The training runs behind the launcher's class-data-sharing archives (make-launcher.sh, the Docker
 * image): java -XX:ArchiveClassesAtExit=… -cp budgetron-db-cli.jar budgetron.db.cli.launcher.Training core|entities.
 * An archive holds the classes its JVM loaded, so each run does what users do, against a real,
 * throw-away PostgreSQL (the embedded one the development database uses). migrate: a fresh database
 * (the build's statements, no Liquibase) and the same again up to date, what every container start
 * does. core: the same, then the last changeset rolled back and migrated again (Liquibase's own
 * rollback and update: what a release does to an existing database), status, validate, history.
 * entities: generate, once
 * building the entities' schema with Hibernate and once from its cache. Three archives, because a
 * JVM maps and touches its whole archive: Hibernate's classes would add 30 MB to every container
 * start, Liquibase's 19 MB (and a tenth of its time); a migrate that needs Liquibase then loads it
 * from the jar (0.2 s more, once a release). Without a database an archive would stop at the JDBC driver,
 * and a fresh migrate would still parse and verify Liquibase's two thousand classes at each start.
 * Exit code 0 when every command did what it should, else 1 (make-launcher.sh then trains without a database).
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws Exception {
        // zonky logs initdb's and the server's output line by line through java.util.logging
        java.util.logging.Logger.getLogger("io.zonky").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int failed;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE training");
            }
            failed = run(args.length > 0 ? args[0] : "core", "postgres://postgres@127.0.0.1:" + pg.getPort() + "/training");
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The changelog packed in the jar, as files under DIR/changelog (the index lists them). */
    static void unpackChangelog(Path dir) throws IOException {
        for (String file : budgetron.db.liquibase.ChangelogIndex.bundled().fileHashes().keySet()) {
            try (java.io.InputStream in = Training.class.getResourceAsStream("/" + file)) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }

    /** Runs one training's commands against an empty database; returns how many failed (each is named on stderr). */
    static int run(String mode, String url) throws IOException {
        String[][] commands = mode.equals("entities") ? new String[][] {{"migrate"}, {"generate"}, {"generate"}}
                : mode.equals("migrate") ? new String[][] {{"migrate"}, {"migrate"}}
                : new String[][] {{"migrate"}, {"rollback", "--count", "1", "--yes"}, {"migrate"}, {"migrate"}, {"status"}, {"validate"},
                        {"history"}, {"status", "--json"}};
        Path project = Files.createTempDirectory("budgetron-training");
        int failed = 0;
        try {
            if (mode.equals("entities")) {
                unpackChangelog(project); // generate writes into a checkout's changelog/, as users run it
            }
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            for (String[] command : commands) {
                String[] line = new String[command.length + 4];
                System.arraycopy(command, 0, line, 0, command.length);
                System.arraycopy(new String[] {"--db-url", url, "--project-dir", project.toString()}, 0, line, command.length, 4);
                java.io.StringWriter err = new java.io.StringWriter();
                int code = Main.run(quiet, new PrintWriter(err), line);
                if (code != 0) {
                    // the command's own reason (an entity Hibernate cannot map, say): make-launcher.sh shows these lines in the build
                    String why = err.toString().lines().filter(l -> l.startsWith("Error: ")).findFirst().orElse("(no message)");
                    System.err.println("[budgetron] training: " + String.join(" ", command) + " exited with " + code + ": " + why);
                    failed++;
                }
            }
        } finally {
            FileTrees.delete(project);
        }
        return failed;
    }
}
