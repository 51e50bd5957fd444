package budgetron.db.rehearse;

import budgetron.db.backup.BackupListener;
import budgetron.db.config.ConfigException;
import budgetron.db.config.Connections;
import budgetron.db.config.Progress;
import budgetron.db.drizzle.DrizzleAdoption;
import budgetron.db.generate.Change;
import budgetron.db.generate.SchemaDiff;
import budgetron.db.lint.Finding;
import budgetron.db.lint.LintRules;
import budgetron.db.lint.Selection;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.Catalog;
import budgetron.db.schema.ScratchDatabase;
import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A migration tried on a copy of the database before it meets the real one: the copy made from one
 * read-only snapshot (nothing written to the source), every pending changeset applied to it as
 * migrate would (backups included), each measured (Probe); a failure explained by its rows
 * (Violations); then the changesets rolled back, the schema compared with the copy's before, and
 * applied again. The copy is dropped at the end.
 */
public final class Rehearsal {
    /** How the copy is made: at most {@code sample} rows a table (null: all), on the server of {@code into} (null: the source's). */
    public record Options(Long sample, budgetron.db.config.DbUrl into, boolean backups) {
    }

    private Rehearsal() {
    }

    public static RehearsalReport run(Connection source, ScratchDatabase scratch, Changelog changelog, Options options, Progress say) throws Exception {
        if (DrizzleAdoption.drizzleTable(source) != null && !DrizzleAdoption.hasLiquibaseHistory(source)) {
            throw new ConfigException("This database was built by Drizzle and has no Liquibase history yet: adopt it first "
                    + "(`budgetron-db adopt --dry-run` shows the plan), then rehearse what is pending.");
        }
        RehearsalReport.Builder report = new RehearsalReport.Builder(scratch.url().toString());
        Catalog catalog = Catalog.readAll(source);
        report.notCopied(catalog.notCompared());
        long started = System.nanoTime();
        Map<String, Long> rows;
        boolean autoCommit = source.getAutoCommit();
        try (Connection copy = Connections.open(scratch.url())) {
            try (Statement s = copy.createStatement()) {
                s.execute("SET synchronous_commit = off"); // a copy that is thrown away need not wait for its WAL
                s.execute("SET maintenance_work_mem = '256MB'");
            }
            source.setAutoCommit(false);
            try (Statement s = source.createStatement()) {
                // one snapshot for schema, rows and sequences; READ ONLY: the source cannot be written through this session
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            try {
                say.say("Copying " + catalog.tables().size() + " tables into " + scratch.url() + (options.sample() == null ? "" : " (at most "
                        + options.sample() + " rows a table)") + "…");
                report.notCopied(CopySchema.before(source, copy, catalog));
                rows = CopyData.copy(source, copy, catalog, options.sample());
                CopyData.sequences(source, copy);
            } finally {
                source.rollback();
                source.setAutoCommit(autoCommit);
            }
            CopySchema.after(copy, catalog);
            try (Statement s = copy.createStatement()) {
                s.execute("ANALYZE");
            }
            report.copied(rows, (System.nanoTime() - started) / 1_000_000, bytes(copy), options.sample());
            say.say("Copied " + rows.values().stream().mapToLong(Long::longValue).sum() + " rows in " + report.copyMillis() + " ms.");
            rehearse(copy, scratch, changelog, options, report, say);
        }
        return report.build();
    }

    private static void rehearse(Connection copy, ScratchDatabase scratch, Changelog changelog, Options options, RehearsalReport.Builder report,
                                 Progress say) throws Exception {
        Catalog before = Catalog.readAll(copy);
        Map<String, Long> rowsBefore = counts(copy, before);
        try (Connection migrating = Connections.open(scratch.url()); Connection monitor = Connections.open(scratch.url());
             Connection poller = Connections.open(scratch.url()); Migrator migrator = new Migrator(migrating, changelog)) {
            List<ChangeSet> pending = migrator.pending();
            report.pending(pending.size());
            if (pending.isEmpty()) {
                return;
            }
            List<Finding> lint = Selection.pending(migrator, migrating, changelog).findings();
            BackupListener backups = new BackupListener(changelog, options.backups(), say);
            migrator.observe(backups);
            boolean applied;
            try (Probe probe = new Probe(monitor, poller, migrating, rowsBefore)) {
                migrator.observe(probe);
                say.say("Applying " + pending.size() + " pending changesets to the copy…");
                applied = apply(migrator, report);
                probe.settlePrevious();
                for (Probe.Run run : probe.runs()) {
                    report.changeset(run, run.failure == null ? null : Violations.of(run.failure, monitor));
                }
            }
            report.lint(disagreements(lint, report));
            report.backups(backups.log());
            if (!applied) {
                return;
            }
            say.say("Rolling the " + pending.size() + " changesets back…");
            try {
                migrator.rollbackCount(pending.size());
                Catalog after = Catalog.readAll(monitor);
                List<String> differences = SchemaDiff.between(after, before, SchemaDiff.Renames.none(), true).stream().map(Change::title).toList();
                Map<String, Long> rowsAfter = counts(monitor, before);
                List<String> rowDifferences = new ArrayList<>();
                rowsBefore.forEach((t, n) -> {
                    Long now = rowsAfter.get(t);
                    if (!n.equals(now)) {
                        rowDifferences.add(t + ": " + n + " rows before, " + (now == null ? "no table" : now) + " after the rollback");
                    }
                });
                report.rollback(null, differences, rowDifferences);
            } catch (Exception e) {
                report.rollback(budgetron.db.config.Errors.describe(e), List.of(), List.of());
                return;
            }
            say.say("Applying them again…");
            try {
                migrator.forgetCachedHistory();
                migrator.update();
                report.reapplied(null);
            } catch (Exception e) {
                report.reapplied(budgetron.db.config.Errors.describe(e));
            }
        }
    }

    private static boolean apply(Migrator migrator, RehearsalReport.Builder report) {
        try {
            migrator.update();
            return true;
        } catch (Exception e) {
            report.failed(budgetron.db.config.Errors.describe(e));
            return false;
        }
    }

    /**
     * Where the lint's reading of the SQL and the measurement disagree about rewrites: a rewrite it
     * predicted (type change, volatile default) that did not happen, or one it did not predict.
     */
    private static List<String> disagreements(List<Finding> lint, RehearsalReport.Builder report) {
        Set<String> predicting = Set.of(LintRules.TYPE_CHANGE.id(), LintRules.VOLATILE_DEFAULT.id());
        List<String> out = new ArrayList<>();
        for (RehearsalReport.Changeset cs : report.changesets()) {
            if (cs.error() != null) {
                continue;
            }
            boolean predicted = lint.stream().anyMatch(f -> f.changesetId().equals(cs.id()) && predicting.contains(f.rule().id()));
            boolean measured = !cs.rewrote().isEmpty();
            if (predicted && !measured) {
                out.add(cs.id() + ": the lint expects a table rewrite; none happened (the relfilenodes did not change)");
            } else if (!predicted && measured) {
                out.add(cs.id() + ": rewrote " + String.join(", ", cs.rewrote()) + ", which the lint did not predict");
            }
        }
        return out;
    }

    private static Map<String, Long> counts(Connection c, Catalog catalog) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String t : catalog.tables().keySet()) {
                try (var rs = s.executeQuery("SELECT count(*) FROM " + budgetron.db.schema.Sql.rel(t))) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static long bytes(Connection copy) throws SQLException {
        try (Statement s = copy.createStatement(); var rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
