package budgetron.db.cli.studio;

/** A request the studio refuses: its HTTP status and a message for the page. */
public class StudioException extends RuntimeException {
    private final int status;

    public StudioException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
