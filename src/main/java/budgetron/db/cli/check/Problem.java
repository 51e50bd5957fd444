package budgetron.db.cli.check;

/** One thing wrong with the changelog: where, what, and what to do about it. */
public record Problem(String file, String changeset, String problem, String fix) {
    public String line() {
        return file + (changeset == null ? "" : " [" + changeset + "]") + ": " + problem + " " + fix;
    }
}
