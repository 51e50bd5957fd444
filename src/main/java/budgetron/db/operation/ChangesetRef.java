package budgetron.db.operation;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

/** A changeset as the results name it: id, author and the file it is in. */
public record ChangesetRef(String id, String author, String file) {
    static ChangesetRef of(ChangeSet cs) {
        return new ChangesetRef(cs.getId(), cs.getAuthor(), cs.getFilePath());
    }

    static ChangesetRef of(budgetron.db.liquibase.ChangelogIndex.Entry e) {
        return new ChangesetRef(e.id(), e.author(), e.file());
    }

    static ChangesetRef of(RanChangeSet ran) {
        return new ChangesetRef(ran.getId(), ran.getAuthor(), ran.getChangeLog());
    }
}
