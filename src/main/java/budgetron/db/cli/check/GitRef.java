package budgetron.db.cli.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The changelog folder as it is at a git ref (origin/main, a tag, a commit), copied into a temporary
 * folder so that it reads like the working tree. Uses the git command, which every CI runner has.
 */
public final class GitRef {
    /** A mistake in how check was called (no git checkout, unknown ref): exit code 2. */
    public static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    private GitRef() {
    }

    /** Copies REF's changelog/ into a fresh temporary folder and returns that folder (a project dir). */
    public static Path changelogAt(Path projectDir, String ref) {
        if (git(projectDir, "rev-parse", "--is-inside-work-tree").code != 0) {
            throw new UsageError(projectDir.toAbsolutePath() + " is not inside a git checkout: --against needs one (git clone, or git init).");
        }
        if (ref.startsWith("-") || git(projectDir, "rev-parse", "--verify", "--quiet", ref + "^{commit}").code != 0) {
            throw new UsageError("Unknown git ref '" + ref + "': name a branch, tag or commit that exists here "
                    + "(in CI, fetch it first: git fetch origin main).");
        }
        String prefix = git(projectDir, "rev-parse", "--show-prefix").out.strip();
        Result list = git(projectDir, "ls-tree", "-r", "--name-only", ref, "--", prefix + "changelog/");
        try {
            Path into = Files.createTempDirectory("budgetron-check-");
            Files.createDirectories(into.resolve("changelog"));
            for (String path : list.out.split("\n")) {
                if (path.isBlank()) {
                    continue;
                }
                String relative = path.substring(prefix.length());
                Result show = git(projectDir, "show", ref + ":" + path);
                Path target = into.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.writeString(target, show.out);
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int code, String out) {
    }

    static Result git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new UsageError("Cannot run git (" + e.getMessage() + "): --against needs git on the PATH.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
