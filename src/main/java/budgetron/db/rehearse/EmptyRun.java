package budgetron.db.rehearse;

import budgetron.db.config.Connections;
import budgetron.db.config.Errors;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.ScratchDatabase;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.visitor.AbstractChangeExecListener;

import java.sql.Connection;

/**
 * The whole changelog applied to an empty scratch database, as a review step: the SQL PostgreSQL
 * itself refuses (a syntax error, a misspelt column) is found before review and release rather
 * than at migrate, which is what `lint --execute` and `check --execute` add to the reading of the text.
 */
public final class EmptyRun {
    /** {@code applied} changesets ran; when one failed, its id, file and PostgreSQL's reason (else nulls). */
    public record Result(int applied, String failedId, String failedFile, String reason) {
        public boolean ok() {
            return reason == null;
        }
    }

    private EmptyRun() {
    }

    public static Result of(ScratchDatabase scratch, Changelog changelog) throws Exception {
        try (Connection c = Connections.open(scratch.url()); Migrator m = new Migrator(c, changelog)) {
            ChangeSet[] failed = new ChangeSet[1];
            m.observe(new AbstractChangeExecListener() {
                @Override
                public void runFailed(ChangeSet cs, liquibase.changelog.DatabaseChangeLog log, liquibase.database.Database db, Exception e) {
                    failed[0] = cs;
                }
            });
            try {
                return new Result(m.update().size(), null, null, null);
            } catch (Exception e) {
                String reason = Errors.firstLine(Errors.deepest(e).getMessage()).replaceFirst("^ERROR: ", "");
                return new Result(m.applied().size(), failed[0] == null ? null : failed[0].getId(), failed[0] == null ? null : failed[0].getFilePath(), reason);
            }
        }
    }
}
