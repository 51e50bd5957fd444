package budgetron.db.operation;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

/** A changeset as the results name it: id, author and the file it is in. */
public record ChangesetRef(String id, String author, String file) {
    static ChangesetRef of(ChangeSet cs) {
        return new ChangesetRef(cs.getId(), cs.getAuthor(), cs.getFilePath());
    }

    static ChangesetRef of(RanChangeSet ran) {
        return new ChangesetRef(ran.getId(), ran.getAuthor(), ran.getChangeLog());
    }
}
