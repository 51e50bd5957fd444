package budgetron.db.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** budgetron-db as a separate process (java -cp <test class path> budgetron.db.cli.Main), for tests that kill it or run several. */
public final class CliProcess {
    private CliProcess() {
    }

    public static ProcessBuilder builder(Map<String, String> env, String... args) {
        return builder(List.of(), env, args);
    }

    /** With options for the JVM itself (-Xmx…). */
    public static ProcessBuilder builder(List<String> jvm, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("budgetron.db.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DB_URL");
        pb.environment().putAll(env);
        return pb;
    }

    public static Process start(File log, String... args) throws IOException {
        return builder(Map.of(), args).redirectOutput(log).start();
    }
}
