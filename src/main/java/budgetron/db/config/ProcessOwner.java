package budgetron.db.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * This process as the owner of what it makes on a server and must drop when it ends (scratch
 * databases, the studio's read-only role): its pid and start time go into the object's name, the
 * host into its comment, so that a later process on the same host can tell an abandoned one (its
 * owner was killed) from one whose owner still runs — a pid alone may have been reused.
 */
public final class ProcessOwner {
    private ProcessOwner() {
    }

    /** "PID_START": the pid and the process's start (epoch seconds, base 36). */
    public static String tag() {
        return ProcessHandle.current().pid() + "_" + Long.toString(start(ProcessHandle.current()), 36);
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Whether the process with this pid is the one that started at {@code start36}. */
    public static boolean alive(long pid, String start36) {
        return ProcessHandle.of(pid).map(p -> Long.toString(start(p), 36).equals(start36)).orElse(false);
    }

    private static long start(ProcessHandle p) {
        return p.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
    }

    public static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                h = "localhost";
            }
        }
        return h;
    }
}
