package budgetron.db.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * What earlier processes left behind: of the objects {@code query} lists (name, comment), those
     * whose name {@code owned} matches with their owner's pid and start (groups 1 and 2), whose
     * comment says this host made them, and whose owner no longer runs.
     */
    public static List<String> abandoned(Statement s, String query, Pattern owned, Predicate<String> madeHere) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                Matcher m = owned.matcher(rs.getString(1));
                if (m.matches() && madeHere.test(rs.getString(2)) && !alive(Long.parseLong(m.group(1)), m.group(2))) {
                    gone.add(rs.getString(1));
                }
            }
        }
        return gone;
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
