package budgetron.db.rehearse;

import budgetron.db.schema.Sql;
import liquibase.exception.PreconditionFailedException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a changeset failed on the copy, in terms of its rows: PostgreSQL's reason, and for a NOT
 * NULL, CHECK, UNIQUE or foreign-key failure how many rows break it and the key of one of them,
 * counted on the copy after the failed changeset was rolled back.
 */
final class Violations {
    private static RehearsalReport.Failure failure(String message, String state, String table, String column, String constraint, long n,
                                                  String example) {
        return new RehearsalReport.Failure(message, state, table, column, constraint, n, example);
    }

    private static final Pattern KEY = Pattern.compile("Key \\((.+?)\\)=\\((.*)\\) (?:is duplicated|already exists|is not present in table \"(.+?)\")");
    private static final Pattern GOT = Pattern.compile("(?s)Expected 'ok' got '(.*)'");

    private Violations() {
    }

    static RehearsalReport.Failure of(Exception failure, Connection copy) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PreconditionFailedException p) {
                String why = p.getFailedPreconditions().stream().map(f -> {
                    Matcher m = GOT.matcher(String.valueOf(f.getMessage()));
                    return m.find() ? m.group(1) : String.valueOf(f.getMessage());
                }).reduce((a, b) -> a + "; " + b).orElse(p.getMessage());
                return failure("its data check stopped it before any step: " + why, null, null, null, null, -1, null);
            }
            if (t instanceof PSQLException e && e.getServerErrorMessage() != null) {
                return analyse(e.getServerErrorMessage(), copy);
            }
        }
        return failure(budgetron.db.config.Errors.describe(failure), null, null, null, null, -1, null);
    }

    private static RehearsalReport.Failure analyse(ServerErrorMessage m, Connection copy) {
        String state = m.getSQLState();
        String table = m.getTable() == null ? null : Sql.id(m.getSchema() == null ? "public" : m.getSchema()) + "." + Sql.id(m.getTable());
        String message = m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")");
        String shown = m.getTable() == null ? null : (m.getSchema() == null ? "public" : m.getSchema()) + "." + m.getTable();
        String where = null;
        try {
            switch (state) {
                case "23502" -> where = Sql.id(m.getColumn()) + " IS NULL";
                case "23514" -> where = checkViolated(copy, m.getConstraint(), table);
                case "23505" -> {
                    Matcher k = KEY.matcher(String.valueOf(m.getDetail()));
                    if (k.find() && table != null) {
                        String cols = k.group(1);
                        long groups = count(copy, "SELECT count(*) FROM (SELECT 1 FROM " + table + " GROUP BY " + cols + " HAVING count(*) > 1) d");
                        return failure(message, state, shown, cols, m.getConstraint(), groups, cols + " = " + k.group(2));
                    }
                }
                case "23503" -> {
                    Matcher k = KEY.matcher(String.valueOf(m.getDetail()));
                    if (k.find() && table != null && k.group(3) != null) {
                        where = orphans(copy, table, k.group(1), k.group(3));
                    }
                }
                default -> {
                }
            }
            if (where != null && table != null) {
                long n = count(copy, "SELECT count(*) FROM " + table + " WHERE " + where);
                return failure(message, state, shown, m.getColumn(), m.getConstraint(), n, example(copy, table, where));
            }
        } catch (SQLException e) {
            // the count is a help; the reason stands without it
        }
        return failure(message, state, shown, m.getColumn(), m.getConstraint(), -1, null);
    }

    /** The condition a CHECK is false for, when the constraint is in the copy (added NOT VALID by an earlier step). */
    private static String checkViolated(Connection copy, String constraint, String table) throws SQLException {
        if (constraint == null || table == null) {
            return null;
        }
        try (PreparedStatement ps = copy.prepareStatement("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ? AND conrelid = ?::regclass")) {
            ps.setString(1, constraint);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String def = rs.getString(1).replaceFirst("^CHECK ", "").replaceFirst(" NOT VALID$", "");
                return "(" + def + ") IS FALSE";
            }
        }
    }

    /** Rows whose foreign-key columns point at no row of the parent's primary key. */
    private static String orphans(Connection copy, String table, String columns, String parent) throws SQLException {
        List<String> cols = List.of(columns.split(",")).stream().map(String::strip).toList();
        List<String> key = Keys.of(copy, Sql.id(parent));
        if (key == null || key.size() != cols.size()) {
            return null;
        }
        StringBuilder match = new StringBuilder();
        StringBuilder present = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            match.append(i > 0 ? " AND " : "").append("p.").append(Sql.id(key.get(i))).append(" = ").append(table).append(".").append(cols.get(i));
            present.append(i > 0 ? " AND " : "").append(cols.get(i)).append(" IS NOT NULL");
        }
        return present + " AND NOT EXISTS (SELECT 1 FROM " + Sql.id(parent) + " p WHERE " + match + ")";
    }

    private static String example(Connection copy, String table, String where) throws SQLException {
        List<String> key = Keys.of(copy, table);
        if (key == null) {
            return null;
        }
        String cols = String.join(" || ', ' || ", key.stream().map(k -> Sql.literal(k + "=") + " || " + Sql.id(k) + "::text").toList());
        try (Statement s = copy.createStatement(); ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + table + " WHERE " + where + " LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long count(Connection copy, String sql) throws SQLException {
        try (Statement s = copy.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A table's primary key columns. */
    static final class Keys {
        private Keys() {
        }

        static List<String> of(Connection c, String table) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i "
                    + "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid "
                    + "AND a.attnum = k.attnum WHERE i.indrelid = to_regclass(?) AND i.indisprimary")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getArray(1) != null ? List.of((String[]) rs.getArray(1).getArray()) : null;
                }
            }
        }
    }
}
