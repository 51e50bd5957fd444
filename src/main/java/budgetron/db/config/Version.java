package budgetron.db.config;

/** This release, as --version prints it and as caches key their entries on. */
public final class Version {
    public static final String VERSION = "budgetron-db 0.1.0";

    private Version() {
    }
}
