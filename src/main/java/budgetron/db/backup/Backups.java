package budgetron.db.backup;

import budgetron.db.schema.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The copies of what migrations destroyed, in the database itself: schema budgetron_backup, one
 * table per destroyed thing, listed in budgetron_backup.backups with the changeset that destroyed
 * it. Taken in the changeset's own transaction before its statements run (so the copy and the
 * change commit together or not at all); put back by that changeset's rollback, in the rollback's
 * transaction, then marked restored. Kept until the retention setting prunes them.
 *
 * What each copy holds: a dropped table's rows (all columns); a dropped column's values with the
 * table's key (primary key, else a unique index over NOT NULL columns); the values a type change
 * alters, with the key (only the rows whose value does not survive the cast back); a DELETE's
 * rows (those its WHERE selects) or a TRUNCATE's (all).
 */
public final class Backups {
    public static final String SCHEMA = "budgetron_backup";
    static final String CATALOG = SCHEMA + ".backups";

    /** One copy: what it holds, how many rows and bytes, when it was taken, when (if) a rollback put it back. */
    public record Entry(long id, String changesetId, String author, String file, String kind, String table, String column, long rows,
                        long bytes, Instant takenAt, Instant restoredAt, String backupTable) {
    }

    /** The changeset a copy belongs to, as the history table names it. */
    public record Owner(String id, String author, String file) {
    }

    private Backups() {
    }

    static void ensure(Statement s) throws SQLException {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        s.execute("CREATE TABLE IF NOT EXISTS " + CATALOG + " (id bigserial PRIMARY KEY, changeset_id text NOT NULL, "
                + "changeset_author text NOT NULL, changeset_file text NOT NULL, kind text NOT NULL, source_table text NOT NULL, "
                + "source_column text, key_columns text[], statement text NOT NULL, backup_table text, row_count bigint NOT NULL DEFAULT 0, "
                + "bytes bigint NOT NULL DEFAULT 0, taken_at timestamptz NOT NULL DEFAULT now(), restored_at timestamptz)");
    }

    /** Copies what {@code d} (of {@code statement}) will destroy; null when it destroys nothing (no such table or column yet, no rows). */
    static Entry take(Connection c, Owner owner, Destroyed d, String statement) throws SQLException {
        Long oid = existing(c, d);
        if (oid == null) {
            return null; // made by the same changeset, or already gone: nothing that exists is destroyed
        }
        List<String> key = key(c, oid);
        String select = select(c, oid, key, d);
        long id;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (" + select + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null; // no rows: nothing destroyed, no copy, no backup schema made for it
                }
            } catch (SQLException e) {
                throw failure(d, e);
            }
            ensure(s);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + CATALOG + " (changeset_id, changeset_author, changeset_file, kind, "
                + "source_table, source_column, key_columns, statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, owner.id());
            ps.setString(2, owner.author());
            ps.setString(3, owner.file());
            ps.setString(4, d.kind().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(5, qualifiedName(c, oid));
            ps.setString(6, d.column());
            ps.setArray(7, key == null ? null : c.createArrayOf("text", key.toArray()));
            ps.setString(8, statement.strip());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        String name = shorten("b" + id + "_" + bare(c, oid) + (d.column() == null ? "" : "_" + d.column()));
        String backup = SCHEMA + "." + Sql.id(name);
        long rows;
        try (Statement s = c.createStatement()) {
            rows = s.executeUpdate("CREATE TABLE " + backup + " AS " + select);
        } catch (SQLException e) {
            throw failure(d, e);
        }
        if (rows == 0) {
            // nothing there to destroy: no copy to keep
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + backup);
                s.execute("DELETE FROM " + CATALOG + " WHERE id = " + id);
            }
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + CATALOG + " SET backup_table = ?, row_count = ?, "
                + "bytes = pg_total_relation_size(?::regclass) WHERE id = ?")) {
            ps.setString(1, backup);
            ps.setLong(2, rows);
            ps.setString(3, backup);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        return list(c, "WHERE id = " + id).get(0);
    }

    /** The rows (key and values) that d destroys, as a query. */
    private static String select(Connection c, long oid, List<String> key, Destroyed d) throws SQLException {
        String table = d.table();
        // values of the database's own types (enums, domains) are kept as text: a copy must not hold on to a type the
        // changeset drops (an enum rebuilt through text), and text goes back into any type
        String all = held(c, oid, null);
        return switch (d.kind()) {
            case TABLE -> "SELECT " + all + " FROM " + table;
            case ROWS -> "SELECT " + all + " FROM " + table + (d.detail() == null ? "" : " WHERE " + d.detail());
            case COLUMN -> "SELECT " + (key == null ? all : held(c, oid, key) + ", " + held(c, oid, List.of(d.column()))) + " FROM " + table;
            case VALUES -> {
                String col = Sql.id(d.column());
                String some = "SELECT " + (key == null ? all : held(c, oid, key) + ", " + held(c, oid, List.of(d.column()))) + " FROM " + table;
                // only the values the new type changes: cast there and back; with USING, every value
                yield d.using() != null ? some : some + " WHERE " + col + " IS NOT NULL AND (" + col + "::" + d.detail() + ")::"
                        + columnType(c, oid, d.column()) + " IS DISTINCT FROM " + col;
            }
        };
    }

    /** The destroyed table's oid, or null when it (or the destroyed column) does not exist yet or any more. */
    private static Long existing(Connection c, Destroyed d) throws SQLException {
        Long oid = oid(c, d.table());
        return oid == null || d.column() != null && columnType(c, oid, d.column()) == null ? null : oid;
    }

    /**
     * Would migrate back anything up before this statement runs (BackupListener)? For the fresh
     * database's run without Liquibase (FreshRun), which hands such a changeset to Liquibase.
     */
    public static boolean needed(Connection c, String statement) throws SQLException {
        for (Destroyed d : Destroyed.by(statement)) {
            Long oid = existing(c, d);
            if (oid == null) {
                continue;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (" + select(c, oid, key(c, oid), d) + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A type change's values that do not cast: the change would fail on them too, and the message says which. */
    private static SQLException failure(Destroyed d, SQLException e) {
        if (d.kind() != Destroyed.Kind.VALUES || d.using() != null) {
            return e;
        }
        return new SQLException("the values of " + d.table() + "." + d.column() + " do not all cast to " + d.detail()
                + " (" + e.getMessage().split("\n")[0] + "): the type change would fail on them too", e.getSQLState(), e);
    }

    /**
     * Puts back, newest first, what the changeset's copies hold, after its rollback brought the schema
     * back: a table's rows, a column's values by key, deleted rows (those not there again). Returns
     * what it did, one line each; a copy it cannot put back (no key, the table not re-created) is
     * named and left unrestored, for a DBA.
     */
    static List<String> restore(Connection c, Owner owner) throws SQLException {
        List<String> done = new ArrayList<>();
        if (!exists(c)) {
            return done;
        }
        List<Entry> entries = list(c, "WHERE changeset_id = " + Sql.literal(owner.id()) + " AND changeset_author = " + Sql.literal(owner.author())
                + " AND changeset_file = " + Sql.literal(owner.file()) + " AND restored_at IS NULL AND backup_table IS NOT NULL ORDER BY id DESC");
        for (Entry e : entries) {
            Long oid = oid(c, Sql.qualified(e.table()));
            if (oid == null) {
                done.add("not restored: " + e.table() + " does not exist after the rollback (copy kept in " + e.backupTable() + ")");
                continue;
            }
            List<String> into = writableColumns(c, oid);
            List<String> held = backupColumns(c, e.backupTable());
            List<String> both = into.stream().filter(held::contains).toList();
            String target = Sql.qualified(e.table());
            long rows;
            try (Statement s = c.createStatement()) {
                switch (e.kind()) {
                    case "table", "rows" -> rows = s.executeUpdate("INSERT INTO " + target + " (" + columns(both) + ") OVERRIDING SYSTEM VALUE SELECT "
                            + castTo(c, oid, both) + " FROM " + e.backupTable() + (e.kind().equals("rows") ? " ON CONFLICT DO NOTHING" : ""));
                    default -> {
                        List<String> key = keyOf(c, e.id());
                        if (key == null || !into.contains(e.column())) {
                            done.add("not restored: " + e.table() + "." + e.column() + (key == null ? " has no key to match rows by" : " is not there after the rollback")
                                    + " (copy kept in " + e.backupTable() + ")");
                            continue;
                        }
                        List<String> matches = new ArrayList<>();
                        for (String k : key) {
                            matches.add("t." + Sql.id(k) + " = b." + Sql.id(k) + "::" + columnTypeOrText(c, oid, k));
                        }
                        String match = String.join(" AND ", matches);
                        rows = s.executeUpdate("UPDATE " + target + " t SET " + Sql.id(e.column()) + " = b." + Sql.id(e.column()) + "::"
                                + columnType(c, oid, e.column()) + " FROM " + e.backupTable() + " b WHERE " + match);
                    }
                }
                resetSequences(s, c, oid, target);
                s.execute("UPDATE " + CATALOG + " SET restored_at = now() WHERE id = " + e.id());
            }
            done.add("restored " + rows + " " + (e.kind().equals("table") || e.kind().equals("rows") ? "rows of " + e.table()
                    : "values of " + e.table() + "." + e.column()) + " from " + e.backupTable());
        }
        return done;
    }

    /** Every copy, oldest first; none when no migration ever made one. */
    public static List<Entry> list(Connection c) throws SQLException {
        return exists(c) ? list(c, "ORDER BY id") : List.of();
    }

    /** Drops the copies taken before now minus {@code keep}; returns them. */
    public static List<Entry> prune(Connection c, Duration keep) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        List<Entry> old = list(c, "WHERE taken_at < now() - " + Sql.literal(keep.toSeconds() + " seconds") + "::interval ORDER BY id");
        try (Statement s = c.createStatement()) {
            for (Entry e : old) {
                if (e.backupTable() != null) {
                    s.execute("DROP TABLE IF EXISTS " + e.backupTable());
                }
                s.execute("DELETE FROM " + CATALOG + " WHERE id = " + e.id());
            }
        }
        return old;
    }

    private static List<Entry> list(Connection c, String where) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, changeset_id, changeset_author, changeset_file, kind, "
                + "source_table, source_column, row_count, bytes, taken_at, restored_at, backup_table FROM " + CATALOG + " " + where)) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getLong(8), rs.getLong(9), rs.getTimestamp(10).toInstant(),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12)));
            }
        }
        return out;
    }

    static boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('" + CATALOG + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Long oid(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? null : oid;
            }
        }
    }

    /**
     * The select list that copies these columns (null: all), each of a type outside pg_catalog
     * (an enum, a domain, a composite) as text under its own name.
     */
    private static String held(Connection c, long oid, List<String> only) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, t.typnamespace = 'pg_catalog'::regnamespace FROM pg_attribute a "
                + "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (only == null || only.contains(name)) {
                        out.add(rs.getBoolean(2) ? Sql.id(name) : Sql.id(name) + "::text AS " + Sql.id(name));
                    }
                }
            }
        }
        if (only != null) {
            // in the order asked for (the key first)
            List<String> ordered = new ArrayList<>();
            for (String name : only) {
                out.stream().filter(x -> x.equals(Sql.id(name)) || x.startsWith(Sql.id(name) + "::")).findFirst().ifPresent(ordered::add);
            }
            return String.join(", ", ordered);
        }
        return String.join(", ", out);
    }

    /** Each backed-up column cast to the type the restored table has (text goes back into an enum; a same-type cast is free). */
    private static String castTo(Connection c, long oid, List<String> names) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(Sql.id(n) + "::" + columnTypeOrText(c, oid, n));
        }
        return String.join(", ", out);
    }

    private static String columnTypeOrText(Connection c, long oid, String column) throws SQLException {
        String type = columnType(c, oid, column);
        return type == null ? "text" : type;
    }

    private static String columnType(Connection c, long oid, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setLong(1, oid);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The primary key's columns, else those of a unique index over NOT NULL columns; null when the table has neither. */
    private static List<String> key(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i "
                + "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE i.indrelid = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL "
                + "GROUP BY i.indexrelid, i.indisprimary HAVING bool_and(a.attnotnull) ORDER BY i.indisprimary DESC, count(*) LIMIT 1")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of((String[]) rs.getArray(1).getArray()) : null;
            }
        }
    }

    private static List<String> keyOf(Connection c, long entry) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key_columns FROM " + CATALOG + " WHERE id = " + entry)) {
            rs.next();
            return rs.getArray(1) == null ? null : List.of((String[]) rs.getArray(1).getArray());
        }
    }

    /** The columns an INSERT may fill: not generated ones. */
    private static List<String> writableColumns(Connection c, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped "
                + "AND attgenerated = '' ORDER BY attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> backupColumns(Connection c, String backup) throws SQLException {
        Long oid = oid(c, backup);
        return oid == null ? List.of() : writableColumns(c, oid);
    }

    /** A re-created table's identity and serial sequences start again at 1: moved past the restored rows. */
    private static void resetSequences(Statement s, Connection c, long oid, String target) throws SQLException {
        List<String[]> owned = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, pg_get_serial_sequence(?, a.attname) FROM pg_attribute a "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND pg_get_serial_sequence(?, a.attname) IS NOT NULL")) {
            ps.setString(1, target);
            ps.setLong(2, oid);
            ps.setString(3, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owned.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] o : owned) {
            s.execute("SELECT setval(" + Sql.literal(o[1]) + ", max(" + Sql.id(o[0]) + ")) FROM " + target + " HAVING max(" + Sql.id(o[0]) + ") IS NOT NULL");
        }
    }

    private static String qualifiedName(Connection c, long oid) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = " + oid)) {
            rs.next();
            return budgetron.db.schema.Catalog.key(rs.getString(1), rs.getString(2));
        }
    }

    private static String bare(Connection c, long oid) throws SQLException {
        return Sql.bare(qualifiedName(c, oid));
    }

    private static String columns(List<String> names) {
        return String.join(", ", names.stream().map(Sql::id).toList());
    }

    private static String shorten(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
