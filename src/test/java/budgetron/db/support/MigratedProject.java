package budgetron.db.support;

import budgetron.db.config.DbUrl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * For each test: a copy of this project's changelog in a temporary folder, and a fresh database
 * on the test server with those changesets applied (a clone of a template migrated once per JVM,
 * so a test pays a CREATE DATABASE, not a migrate). Register it with
 * {@code @RegisterExtension final MigratedProject project = MigratedProject.migrated();}
 * or {@code MigratedProject.empty()} for a database with nothing applied.
 */
public final class MigratedProject implements BeforeEachCallback, AfterEachCallback {
    private final boolean migrate;
    private Path dir;
    private DbUrl db;

    private MigratedProject(boolean migrate) {
        this.migrate = migrate;
    }

    public static MigratedProject migrated() {
        return new MigratedProject(true);
    }

    public static MigratedProject empty() {
        return new MigratedProject(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("budgetron-project-");
        ProjectCopy.into(dir);
        db = migrate ? TestDatabase.migrated() : TestDatabase.fresh();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        budgetron.db.cli.launcher.FileTrees.delete(dir);
    }

    public Path dir() {
        return dir;
    }

    public DbUrl db() {
        return db;
    }

    /** budgetron-db in this JVM on this project and database (--project-dir, --db-url added). */
    public Cli run(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project-dir", dir.toString(), "--db-url", db.toString()))
                .toArray(String[]::new));
    }

    /** Writes a changelog file and includes it at the end of the master changelog. */
    public Path addChangeset(String file, String body) {
        try {
            Path path = dir.resolve("changelog").resolve(file);
            Files.writeString(path, body);
            Path master = dir.resolve("changelog/db.changelog-master.xml");
            Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                    "    <include file=\"" + file + "\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes liquibase.properties (or another file of the project). */
    public void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
