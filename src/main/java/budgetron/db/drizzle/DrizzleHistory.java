package budgetron.db.drizzle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Budgetron's ten Drizzle migrations as Drizzle recorded them (tag, created_at, SHA-256 of the
 * file): the key for recognising how far an existing database got. Changeset ids are these tags.
 */
public final class DrizzleHistory {
    public record Migration(int index, String tag, long createdAt, String hash) {
    }

    private static final List<Migration> MIGRATIONS = load();

    private DrizzleHistory() {
    }

    public static List<Migration> migrations() {
        return MIGRATIONS;
    }

    private static List<Migration> load() {
        try (InputStream in = DrizzleHistory.class.getResourceAsStream("/budgetron/drizzle-history.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Migration> result = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                result.add(new Migration(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), f[3]));
            }
            return List.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
