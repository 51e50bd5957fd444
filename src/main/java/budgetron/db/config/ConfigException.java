package budgetron.db.config;

/** A mistake in the user's configuration: its message is printed as it is, without a stack trace. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
