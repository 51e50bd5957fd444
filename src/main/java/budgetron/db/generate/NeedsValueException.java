package budgetron.db.generate;

import budgetron.db.config.ConfigException;

/** A generated change would fail on the rows already there (a NOT NULL column without a value): refused at generate time, with the cure. */
public final class NeedsValueException extends ConfigException {
    public NeedsValueException(String message) {
        super(message);
    }
}
