package budgetron.db.operation;

import budgetron.db.session.Session;
import liquibase.changelog.RanChangeSet;

import java.time.Instant;
import java.util.List;

/** The applied changesets, oldest first. Changes nothing. */
public final class History {
    public record Entry(ChangesetRef changeset, Instant executedAt, String execType, String tag, String checksum) {
    }

    public record Result(List<Entry> applied) {
    }

    private History() {
    }

    public static Result run(Session session) throws Exception {
        List<Entry> entries = session.migrator().applied().stream().map(History::entry).toList();
        return new Result(entries);
    }

    private static Entry entry(RanChangeSet ran) {
        return new Entry(ChangesetRef.of(ran), ran.getDateExecuted().toInstant(), ran.getExecType().name(), ran.getTag(),
                ran.getLastCheckSum() == null ? null : ran.getLastCheckSum().toString());
    }
}
