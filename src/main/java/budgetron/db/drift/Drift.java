package budgetron.db.drift;

import budgetron.db.config.ConfigException;
import budgetron.db.config.Connections;
import budgetron.db.generate.Change;
import budgetron.db.generate.SchemaDiff;
import budgetron.db.liquibase.Changelog;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.SchemaDump;
import budgetron.db.schema.ScratchDatabase;
import budgetron.db.session.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Does a database still match its own history? Its applied changesets are run in a scratch database
 * (the first N of the changelog, N being how many the history holds), both catalogs are read the
 * same way (tables, columns, types, constraints, indexes, enums, sequences; then views, functions
 * and triggers as PostgreSQL prints them), and every difference is listed, with the SQL that would
 * bring the live database back to what its history builds. Nothing is applied.
 */
public record Drift(int applied, List<String> differences, List<Change> suggestions) {
    public boolean drifted() {
        return !differences.isEmpty();
    }

    /** The session's database against its own applied history (refused when the history does not match the changelog). */
    public static Drift of(Session session) throws Exception {
        if (session.drizzleOnly()) {
            throw new ConfigException("This database was built by Drizzle and has no Liquibase history yet: "
                    + "`budgetron-db adopt --dry-run` compares it with the Drizzle history it records.");
        }
        session.requireHistoryMatches();
        int applied = session.migrator().applied().size();
        try (ScratchDatabase scratch = session.scratch()) {
            return of(session.connection(), scratch, session.changelog(), applied);
        }
    }

    public static Drift of(Connection live, ScratchDatabase scratch, Changelog changelog, int applied) throws SQLException {
        Catalog expected = Catalog.empty();
        Definitions expectedDefinitions = new Definitions(java.util.Map.of());
        if (applied > 0) {
            expected = ExpectedSchema.catalog(scratch, changelog, applied);
            try (Connection c = Connections.open(scratch.url())) {
                expectedDefinitions = Definitions.read(c);
            }
        }
        Catalog actual = Catalog.read(live);
        Definitions actualDefinitions = Definitions.read(live);
        List<String> differences = new ArrayList<>(ExpectedSchema.differences(SchemaDump.of(expected), SchemaDump.of(actual)));
        List<Change> suggestions = new ArrayList<>(differences.isEmpty() ? List.of()
                : SchemaDiff.between(actual, expected, SchemaDiff.Renames.none(), true));
        differences.addAll(Definitions.differences(expectedDefinitions, actualDefinitions));
        suggestions.addAll(Definitions.suggestions(expectedDefinitions, actualDefinitions));
        return new Drift(applied, differences, suggestions);
    }
}
