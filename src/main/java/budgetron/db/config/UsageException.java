package budgetron.db.config;

/** A command line or setting that cannot mean anything (an unknown environment, say): exit code 2, like picocli's own usage errors. */
public class UsageException extends ConfigException {
    public UsageException(String message) {
        super(message);
    }
}
