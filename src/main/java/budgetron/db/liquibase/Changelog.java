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
    private final ResourceAccessor accessor;
    private final String description;

    private Changelog(ResourceAccessor accessor, String description) {
        this.accessor = accessor;
        this.description = description;
    }

    public static Changelog in(Path projectDir) {
        Path master = projectDir.resolve(Settings.CHANGELOG_FILE);
        if (Files.isRegularFile(master)) {
            try {
                return new Changelog(new DirectoryResourceAccessor(projectDir), master.toString());
            } catch (FileNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return bundled();
    }

    public static Changelog bundled() {
        return new Changelog(new ClassLoaderResourceAccessor(Changelog.class.getClassLoader()),
                "the changelog inside budgetron-db.jar");
    }

    public ResourceAccessor accessor() {
        return accessor;
    }

    public String masterFile() {
        return Settings.CHANGELOG_FILE;
    }

    @Override
    public String toString() {
        return description;
    }
}
