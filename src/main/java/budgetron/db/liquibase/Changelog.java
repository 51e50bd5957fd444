package budgetron.db.liquibase;

import budgetron.db.config.Project;
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
    /** The master changelog, relative to the project folder and to the jar's root alike. */
    public static final String MASTER = "changelog/db.changelog-master.xml";
    private final Path projectDir;
    private final String description;
    private ResourceAccessor accessor;

    private Changelog(Path projectDir, String description) {
        this.projectDir = projectDir;
        this.description = description;
    }

    /** The project's changelog/ when it has one, else the jar's. */
    public static Changelog of(Project project) {
        return project.dir() == null ? bundled() : in(project.dir());
    }

    public static Changelog in(Path projectDir) {
        Path master = projectDir.resolve(MASTER);
        return Files.isRegularFile(master) ? new Changelog(projectDir, master.toString()) : bundled();
    }

    public static Changelog bundled() {
        return new Changelog(null, "the changelog packed in the jar");
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

    /** The checkout whose changelog/ this is; null for the jar's copy. */
    public Path projectDir() {
        return projectDir;
    }

    public String masterFile() {
        return MASTER;
    }

    @Override
    public String toString() {
        return description;
    }
}
