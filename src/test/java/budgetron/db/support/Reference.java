package budgetron.db.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The facts about Budgetron's database that Drizzle left (src/test/resources/reference, a copy of
 * the team's shared reference): the final pg_dump, each Drizzle state, the seeds, Drizzle's hashes.
 */
public final class Reference {
    private Reference() {
    }

    public static String read(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource reference/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
