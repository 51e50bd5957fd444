package budgetron.db.generate;

import budgetron.db.config.ConfigException;

/** A drop + add that may be a rename: never emitted silently. */
public class RenameRefusedException extends ConfigException {
    public RenameRefusedException(String message) {
        super(message);
    }
}
