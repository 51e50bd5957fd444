package budgetron.db.lint;

/** One rule hit in one changeset; {@code acceptedBecause} is the DBA's reason when accepted with lint:accept. */
public record Finding(LintRule rule, String changesetId, String file, int line, String detail, String acceptedBecause) {
    public boolean accepted() {
        return acceptedBecause != null;
    }

    public boolean blocking() {
        return rule.severity() == LintRule.Severity.ERROR && !accepted();
    }
}
