package budgetron.db.drift;

import budgetron.db.config.DbUrl;
import budgetron.db.generate.Change;
import budgetron.db.generate.SchemaDiff;
import budgetron.db.liquibase.Changelog;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.SchemaDump;
import budgetron.db.schema.ScratchDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Does a database still match its own history? Its applied changesets are run in a scratch database
 * (the first N of the changelog, N being how many the history holds), both catalogs are read the
 * same way, and every difference is listed, with the SQL that would bring the live database back
 * to what its history builds. Nothing is applied.
 */
public record Drift(int applied, List<String> differences, List<Change> suggestions) {
    public boolean drifted() {
        return !differences.isEmpty();
    }

    public static Drift of(Connection live, DbUrl liveUrl, Changelog changelog, int applied) throws SQLException {
        Catalog expected;
        try (ScratchDatabase scratch = ScratchDatabase.beside(liveUrl)) {
            expected = applied == 0 ? null : ExpectedSchema.catalog(scratch, changelog, applied);
        }
        Catalog actual = Catalog.read(live);
        if (expected == null) {
            expected = Catalog.empty();
        }
        List<String> differences = ExpectedSchema.differences(SchemaDump.of(expected), SchemaDump.of(actual));
        List<Change> suggestions = differences.isEmpty() ? List.of()
                : SchemaDiff.between(actual, expected, SchemaDiff.Renames.none(), true);
        return new Drift(applied, differences, suggestions);
    }
}
