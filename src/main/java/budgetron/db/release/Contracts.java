package budgetron.db.release;

import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contracts that wait: pending changesets labelled contract, and the connections of older
 * releases that hold them back (their precondition counts the same connections).
 */
public final class Contracts {
    /** One release's contract, waiting for the connections of the releases before it. */
    public record Waiting(String release, List<String> changesets, List<String> holders) {
        public String describe() {
            return "The contract of release " + release + " (" + changesets.size() + " changeset" + (changesets.size() == 1 ? "" : "s")
                    + ") waits for " + holders.size() + " connection" + (holders.size() == 1 ? "" : "s") + " of an older release: "
                    + String.join("; ", holders) + ".";
        }
    }

    private Contracts() {
    }

    /** The pending contract changesets, by release, each with the older releases' open connections. */
    public static List<Waiting> waiting(Connection c, List<ChangeSet> pending) throws SQLException {
        TreeMap<String, List<String>> byRelease = new TreeMap<>();
        for (ChangeSet cs : pending) {
            if (cs.getLabels() != null && cs.getLabels().getLabels().contains(Release.CONTRACT_LABEL) && cs.getId().matches("^\\d{4}_.*")) {
                byRelease.computeIfAbsent(cs.getId().substring(0, 4), k -> new ArrayList<>()).add(cs.getId());
            }
        }
        List<Waiting> out = new ArrayList<>();
        for (var e : byRelease.entrySet()) {
            out.add(new Waiting(e.getKey(), e.getValue(), holders(c, e.getKey())));
        }
        return out;
    }

    /** The open connections of releases before this one: application name, client, pid and since when. */
    public static List<String> holders(Connection c, String release) throws SQLException {
        String sql = "SELECT application_name, coalesce(host(client_addr), 'local'), pid, date_trunc('second', backend_start)::text "
                + "FROM pg_stat_activity WHERE datname = current_database() AND application_name ~ '^budgetron:[0-9]{4}$' "
                + "AND substr(application_name, 11) < ? AND pid <> pg_backend_pid() ORDER BY application_name, pid";
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, release);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " from " + rs.getString(2) + " (pid " + rs.getInt(3) + ", since " + rs.getString(4) + ")");
                }
            }
        }
        return out;
    }

    /** The releases named by these waiting contracts, for messages. */
    public static String releases(List<Waiting> waiting) {
        TreeSet<String> r = new TreeSet<>();
        waiting.forEach(w -> r.add(w.release()));
        return String.join(", ", r);
    }
}
