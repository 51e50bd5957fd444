package budgetron.db.config;

import liquibase.exception.ChangeLogParseException;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.PreconditionFailedException;
import liquibase.exception.ValidationFailedException;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sentence for a failure, the same whichever door it came through (CLI, Maven, container,
 * application): what went wrong and what to do, never a password. The CLI prints it; the API
 * puts it in its exception's message.
 */
public final class Errors {
    private static final Pattern CHANGESET = Pattern.compile("changeset (\\S+?)::(\\S+?)::(\\S+?):");
    private static final Pattern NO_SCHEMA_PRIVILEGE = Pattern.compile("permission denied for schema (\\S+)");
    private static final Pattern GOT = Pattern.compile("(?s)Expected 'ok' got '(.*)'");

    private Errors() {
    }

    /** A short message for an error a user can cause; the cause chain's last words otherwise. */
    public static String describe(Throwable ex) {
        return Secrets.redact(plain(ex));
    }

    private static String plain(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) {
                return t.getMessage();
            }
            if (t instanceof ChangeLogParseException) {
                return "Cannot read the changelog: " + firstLine(deepest(t).getMessage())
                        + ". Fix the file it names (`budgetron-db validate` checks it).";
            }
            if (t instanceof ValidationFailedException) {
                return "The changelog does not validate: " + t.getMessage().strip().replaceAll("\\s*\n\\s*", " ");
            }
            if (t instanceof MigrationFailedException) {
                for (Throwable p = t; p != null; p = p.getCause()) {
                    if (p instanceof PreconditionFailedException failed) {
                        return failedCheck(t, failed);
                    }
                }
                return failedChangeset(t);
            }
        }
        if (sqlState(ex).equals("42501")) {
            // outside a changeset: most often a new database whose public schema the user may not create in (PostgreSQL 15+)
            String reason = firstLine(deepest(ex).getMessage()).replaceFirst("^ERROR: ", "");
            Matcher schema = NO_SCHEMA_PRIVILEGE.matcher(reason);
            return "PostgreSQL refused: " + reason + ". The database user lacks a privilege this needs: connect as the database's owner, "
                    + "or have the owner grant it" + (schema.find() ? " (GRANT CREATE ON SCHEMA " + schema.group(1) + " TO the user)" : "") + ".";
        }
        if (ex instanceof LiquibaseException) {
            return "Liquibase failed: " + firstLine(deepest(ex).getMessage());
        }
        Throwable root = deepest(ex);
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    /**
     * Names the changeset and file, keeps PostgreSQL's reason, and says what to do according to
     * what failed: the changeset's SQL, the data it met, the user's privileges, or the connection.
     */
    static String failedChangeset(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        Matcher m = CHANGESET.matcher(message);
        String reason = deepest(t).getMessage();
        reason = reason == null ? message : reason.strip().replaceAll("\\s*\n\\s*", " ");
        String state = sqlState(t);
        String what = m.find() ? "Changeset " + m.group(2) + " in " + m.group(1) : "A changeset";
        String head = what + " failed and was rolled back; the changesets before it stay applied. PostgreSQL said: " + reason + ". ";
        if (state.startsWith("08") || state.startsWith("57P")) {
            return head + "The connection was lost or the server stopped it (" + state + "), not the changeset's fault: run migrate again.";
        }
        if (state.equals("42501")) {
            return head + "The database user lacks a privilege the changeset needs: run migrate as the owner of the tables "
                    + "(the user that created them), or have that owner grant it.";
        }
        if (state.startsWith("23") || state.equals("22P02") || state.equals("22001") || state.equals("22003")) {
            return head + "The rows in the database do not allow the change (" + state + "): fix or backfill the data the message names "
                    + "(`budgetron-db rehearse` finds such rows on a copy first), or change the changeset if it was never released.";
        }
        if (state.equals("55P03") || state.equals("40P01")) {
            return head + "It waited too long for a lock another session holds (" + state + "): run migrate again when the table is "
                    + "quieter, or raise lock-timeout.";
        }
        return head + "Fix the changeset (it was never applied, so it may still be edited) and run migrate again.";
    }

    /**
     * A changeset's data check (a generated precondition) said no: nothing of it ran. The check's
     * own sentence carries the count and the cure ("Expected 'ok' got '50 rows of users hold NULL …'").
     */
    static String failedCheck(Throwable t, PreconditionFailedException failed) {
        Matcher m = CHANGESET.matcher(String.valueOf(t.getMessage()));
        String what = m.find() ? "Changeset " + m.group(2) + " in " + m.group(1) : "A changeset";
        java.util.List<String> reasons = new java.util.ArrayList<>();
        for (liquibase.precondition.FailedPrecondition f : failed.getFailedPreconditions()) {
            String message = String.valueOf(f.getMessage());
            Matcher got = GOT.matcher(message);
            reasons.add(got.find() ? got.group(1) : message.strip());
        }
        return what + " was not run: the data it needs is not there. " + String.join("; ", reasons)
                + ". Nothing of it was applied; the changesets before it stay applied (`budgetron-db rehearse` finds such rows on a copy first).";
    }

    /** The SQLSTATE of the first SQLException in the chain, "" when there is none. */
    public static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return "";
    }

    public static Throwable deepest(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    public static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String trimmed = s.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
