package budgetron.db.lint;

/**
 * One statement as the rules read it: {@code text} upper-cased with comments and the final ';'
 * stripped (for matching), {@code original} as written, the line it starts on, and what the lint
 * knows of the tables and enums around it.
 */
public record Statement(String text, String original, int line, LintState state) {
    /** The table already holds rows: it exists before the reviewed changesets and none of them created it. */
    public boolean onExisting(String rawName) {
        return state.existing(rawName);
    }
}
