package budgetron.db.operation;

import budgetron.db.config.ConfigException;
import budgetron.db.release.Contracts;
import budgetron.db.session.Session;

import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Finishes a zero-downtime release: its contract changesets (the old columns, triggers and views
 * dropped) applied once no connection of an older release is open, waiting for them at most
 * {@code wait}; refused while they are, unless forced (their statements then fail).
 */
public final class Contract {
    private Contract() {
    }

    public static Migrate.Result run(Session session, Duration wait, boolean force) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Contracts.Waiting> waiting = Contracts.waiting(session.connection(), session.migrator().pending());
        while (!force && waiting.stream().anyMatch(w -> !w.holders().isEmpty())) {
            if (System.nanoTime() >= deadline) {
                StringBuilder why = new StringBuilder();
                waiting.stream().filter(w -> !w.holders().isEmpty()).forEach(w -> why.append(w.describe()).append(' '));
                throw new ConfigException(why + "Stop the older release first (its instances hold those connections), wait for it "
                        + "(--wait 10m), or, if those connections are not Budgetron's release, force it (--force: their statements "
                        + "on the dropped columns would fail).");
            }
            session.progress().say("Waiting for the older release to disconnect: " + waiting.get(0).describe());
            Thread.sleep(Math.min(2000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            waiting = Contracts.waiting(session.connection(), session.migrator().pending());
        }
        if (force) {
            try (Statement s = session.connection().createStatement()) {
                s.execute("SET budgetron.contract = 'force'"); // read by the contract changesets' precondition
            }
        }
        try {
            return Migrate.run(session);
        } finally {
            if (force) {
                try (Statement s = session.connection().createStatement()) {
                    s.execute("RESET budgetron.contract");
                }
            }
        }
    }
}
