package budgetron.db.drizzle;

import budgetron.db.schema.ScratchDatabase;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.ExpectedSchema;
import budgetron.db.schema.SchemaDump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Taking over a database that Drizzle built. Drizzle applies its migrations in order and records
 * each one's SHA-256 in __drizzle_migrations; from those rows we know how far it got, check that
 * the schema really is in that state, and only then record the matching changesets as applied.
 * Drizzle's table is left as it is.
 */
public final class DrizzleAdoption {
    /** What adoption would do: problems make it refuse. */
    public record Plan(String drizzleTable, int applied, List<String> problems, List<String> toRecord) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String lastTag() {
            return applied == 0 ? null : DrizzleHistory.migrations().get(applied - 1).tag();
        }

        public String describe() {
            StringBuilder m = new StringBuilder();
            m.append("Drizzle-built database (").append(drizzleTable).append("): ");
            if (!ok()) {
                m.append("cannot adopt it, nothing was changed.\n");
                problems.forEach(p -> m.append("  ").append(p).append('\n'));
                m.append("Fix the database (or restore a backup) so that it is in a state Drizzle left, then run again.");
                return m.toString();
            }
            m.append(applied).append(" of ").append(DrizzleHistory.migrations().size())
                    .append(" Drizzle migrations applied").append(applied == 0 ? "" : ", up to " + lastTag())
                    .append("; the schema matches that state.\n");
            m.append(toRecord.isEmpty() ? "Nothing to record.\n" : "Changesets to record as applied, without running them:\n");
            toRecord.forEach(t -> m.append("  ").append(t).append('\n'));
            return m.toString().stripTrailing();
        }
    }

    private DrizzleAdoption() {
    }

    /** The Drizzle table's qualified name, or null when Drizzle never ran here. */
    public static String drizzleTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = '__drizzle_migrations' "
                        + "AND table_schema IN ('public', 'drizzle') ORDER BY table_schema = 'public' DESC")) {
            return rs.next() ? rs.getString(1) + ".__drizzle_migrations" : null;
        }
    }

    /** True when Liquibase has recorded anything here: then the database is ours, not Drizzle's. */
    public static boolean hasLiquibaseHistory(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'databasechangelog'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return false;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    public static Plan plan(Connection c, ScratchDatabase scratch, Changelog changelog) throws SQLException {
        String table = drizzleTable(c);
        List<String> problems = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM " + table + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        }
        List<DrizzleHistory.Migration> known = DrizzleHistory.migrations();
        for (int i = 0; i < hashes.size(); i++) {
            String hash = hashes.get(i);
            int at = indexOf(known, hash);
            if (at < 0) {
                problems.add("row " + (i + 1) + " of " + table + " records an unknown migration (hash " + hash
                        + "): it was not one of Budgetron's migrations 0000-0009.");
            } else if (at != i) {
                problems.add("row " + (i + 1) + " of " + table + " records " + known.get(at).tag() + " where "
                        + (i < known.size() ? known.get(i).tag() : "nothing") + " was expected: a migration is missing (gap) or out of order.");
            }
        }
        if (!problems.isEmpty()) {
            return new Plan(table, hashes.size(), problems, List.of());
        }
        String expected = SchemaDump.of(ExpectedSchema.catalog(scratch, changelog, hashes.size()));
        String actual = SchemaDump.of(c);
        List<String> diff = ExpectedSchema.differences(expected, actual);
        if (!diff.isEmpty()) {
            String state = hashes.isEmpty() ? "an empty database" : "the state after " + known.get(hashes.size() - 1).tag();
            problems.add("the schema is not " + state + ", which " + table + " says it is (- expected, + found):");
            diff.forEach(d -> problems.add("  " + d));
            return new Plan(table, hashes.size(), problems, List.of());
        }
        List<String> toRecord = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            toRecord.add(known.get(i).tag());
        }
        return new Plan(table, hashes.size(), problems, toRecord);
    }

    private static int indexOf(List<DrizzleHistory.Migration> known, String hash) {
        for (DrizzleHistory.Migration m : known) {
            if (m.hash().equals(hash)) {
                return m.index();
            }
        }
        return -1;
    }

    /** Records the plan's changesets as applied (one transaction), leaving Drizzle's table untouched. */
    public static void record(Migrator migrator, Plan plan) throws Exception {
        if (!plan.ok()) {
            throw new IllegalStateException("refusing to record a plan with problems");
        }
        if (plan.applied() > 0) {
            migrator.markAppliedThrough(plan.lastTag());
            migrator.database().commit(); // all rows or none: a kill before this leaves Drizzle's state untouched
        }
    }
}
