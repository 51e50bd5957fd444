package budgetron.db.lint;

import budgetron.db.config.ConfigException;
import budgetron.db.liquibase.Changelog;
import budgetron.db.liquibase.Migrator;
import budgetron.db.schema.Catalog;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changesets of one release under review, with what came before them: either those pending
 * on a database (whose tables are the existing ones), or those from a given file or changeset on
 * (the tables of the changesets before it are the existing ones), or all of them.
 */
public record Selection(String description, List<ChangesetSql> changesets, Linter linter) {

    public List<Finding> findings() {
        return linter.lint(changesets);
    }

    public static Selection pending(Migrator migrator, Connection c, Changelog changelog) throws Exception {
        ChangesetReader reader = new ChangesetReader(migrator.database(), changelog);
        Catalog catalog = Catalog.read(c);
        List<ChangeSet> pending = migrator.pending();
        return new Selection(pending.size() + " changesets pending on the database", reader.read(pending),
                new Linter(catalog.tables().keySet(), catalog.enums(), columnTypes(catalog), LintRules.ALL));
    }

    static Map<String, String> columnTypes(Catalog catalog) {
        Map<String, String> types = new java.util.HashMap<>();
        catalog.tables().values().forEach(t -> t.columns().values().forEach(c -> types.put(t.name() + "." + c.name(), c.type())));
        return types;
    }

    /** From the changeset whose id, file name or file path is {@code since} (null: all), without a database. */
    public static Selection since(Changelog changelog, String since) throws Exception {
        try (Migrator offline = Migrator.offline(changelog)) {
            List<ChangeSet> all = offline.changelog().getChangeSets();
            int from = 0;
            if (since != null) {
                from = -1;
                for (int i = 0; i < all.size() && from < 0; i++) {
                    ChangeSet cs = all.get(i);
                    if (cs.getId().equals(since) || cs.getFilePath().equals(since) || cs.getFilePath().endsWith("/" + since)) {
                        from = i;
                    } else if (cs.getChanges().stream().anyMatch(ch -> ch instanceof TagDatabaseChange t && since.equals(t.getTag()))) {
                        from = i + 1; // a release tag in the changelog: what comes after it
                    }
                }
                if (from < 0) {
                    throw new ConfigException("No changeset, changelog file or tagDatabase tag '" + since + "' in " + changelog
                            + ": give a changeset id (0010_add-nickname), a file name (0010_add-nickname.sql) or a tag.");
                }
            }
            ChangesetReader reader = new ChangesetReader(offline.database(), changelog);
            Linter linter = new Linter(Set.of(), Map.of());
            for (ChangeSet cs : all.subList(0, from)) {
                linter.replay(reader.read(cs));
            }
            List<ChangeSet> reviewed = all.subList(from, all.size());
            String what = since == null ? "all " + reviewed.size() + " changesets" : reviewed.size() + " changesets since " + since;
            return new Selection(what, reader.read(reviewed), linter);
        }
    }
}
