package budgetron.db.api;

/** A failure of a BudgetronDb call, its message the one sentence the CLI would print (Errors.describe); the cause kept. */
public class BudgetronDbException extends RuntimeException {
    public BudgetronDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
