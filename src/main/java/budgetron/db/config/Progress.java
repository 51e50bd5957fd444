package budgetron.db.config;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the core says while it works ("Database: …", "waiting for the migration lock held by …",
 * an adoption plan): the CLI prints it on stderr, an application logs it. Results are returned,
 * never printed through here.
 */
@FunctionalInterface
public interface Progress {
    void say(String line);

    Progress SILENT = line -> { };

    /** java.util.logging at INFO under "budgetron.db": Spring Boot and most logging setups pick it up. */
    static Progress log() {
        Logger logger = Logger.getLogger("budgetron.db");
        return line -> logger.log(Level.INFO, Secrets.redact(line));
    }
}
