package budgetron.db.corpus.library;

/** A value object stored as whole cents by CentsConverter. */
public record Price(long cents) {
}
