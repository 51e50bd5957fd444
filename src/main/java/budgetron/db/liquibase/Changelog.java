package budgetron.db.liquibase;

import budgetron.db.config.Settings;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the changelog is read from. In a checkout, the project's changelog/ folder, so that a new
 * changeset is seen without rebuilding; elsewhere (a container) the copy packed into the jar. Both
 * give the same paths (changelog/NNNN_name.sql), so the history table matches either way, and
 * matches what `mvn liquibase:update` records.
 */
public final class Changelog {
    private final Path projectDir;
    private final String description;
    private ResourceAccessor accessor;

    private Changelog(Path projectDir, String description) {
        this.projectDir = projectDir;
        this.description = description;
    }

    public static Changelog in(Path projectDir) {
        Path master = projectDir.resolve(Settings.CHANGELOG_FILE);
        return Files.isRegularFile(master) ? new Changelog(projectDir, master.toString()) : bundled();
    }

    public static Changelog bundled() {
        return new Changelog(null, "the changelog inside budgetron-db.jar");
    }

    /** Made on first use: migrate's up-to-date check must not start Liquibase. */
    public synchronized ResourceAccessor accessor() {
        if (accessor == null) {
            try {
                accessor = projectDir != null ? new DirectoryResourceAccessor(projectDir)
                        : new ClassLoaderResourceAccessor(Changelog.class.getClassLoader());
            } catch (FileNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return accessor;
    }

    /** True when read from a checkout's changelog/ folder, false for the copy packed in the jar. */
    public boolean fromProjectDir() {
        return projectDir != null;
    }

    public String masterFile() {
        return Settings.CHANGELOG_FILE;
    }

    @Override
    public String toString() {
        return description;
    }
}
