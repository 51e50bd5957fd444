package budgetron.db.support;

import budgetron.db.cli.launcher.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A copy of this project's changelog in a temporary folder, for tests that edit it or add .env files. */
public final class ProjectCopy {
    private ProjectCopy() {
    }

    public static Path into(Path dir) {
        copyTree(Path.of("changelog"), dir.resolve("changelog"));
        return dir;
    }

    public static void copyTree(Path from, Path to) {
        try {
            FileTrees.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
