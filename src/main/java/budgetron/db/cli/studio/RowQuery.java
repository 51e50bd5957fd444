package budgetron.db.cli.studio;

import budgetron.db.schema.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One view of a table: filters (COLUMN:OP:VALUE), sort (COLUMN:asc|desc), limit and offset, checked
 * against the catalog and turned into SQL whose names come from the catalog and whose values are
 * always bound parameters.
 */
public final class RowQuery {
    public static final int MAX_LIMIT = 1000;

    record Filter(TableMeta.Column column, String op, String value) {
    }

    record Sort(TableMeta.Column column, boolean descending) {
    }

    private final TableMeta table;
    private final List<Filter> filters = new ArrayList<>();
    private final List<Sort> sorts = new ArrayList<>();
    private final int limit;
    private final long offset;

    public RowQuery(TableMeta table, List<String> filters, List<String> sorts, int limit, long offset) {
        this.table = table;
        for (String f : filters) {
            this.filters.add(parseFilter(f));
        }
        for (String s : sorts) {
            int colon = s.lastIndexOf(':');
            String direction = colon < 0 ? "asc" : s.substring(colon + 1).toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new StudioException(400, "Sort direction must be asc or desc, not '" + direction + "'.");
            }
            this.sorts.add(new Sort(table.column(colon < 0 ? s : s.substring(0, colon)), direction.equals("desc")));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new StudioException(400, "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw new StudioException(400, "offset must not be negative.");
        }
        this.limit = limit;
        this.offset = offset;
    }

    private Filter parseFilter(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) {
            throw new StudioException(400, "A filter is COLUMN:OP:VALUE (for example currency:eq:INR), not '" + text + "'.");
        }
        TableMeta.Column column = table.column(parts[0]);
        String op = parts[1].toLowerCase(Locale.ROOT);
        if (!List.of("eq", "ne", "lt", "lte", "gt", "gte", "like", "ilike", "null", "notnull").contains(op)) {
            throw new StudioException(400, "Unknown filter operator '" + parts[1] + "': use eq, ne, lt, lte, gt, gte, like, ilike, null or notnull.");
        }
        if (parts.length < 3 && !op.equals("null") && !op.equals("notnull")) {
            throw new StudioException(400, "The filter on " + column.name() + " needs a value: " + column.name() + ":" + op + ":VALUE.");
        }
        return new Filter(column, op, parts.length < 3 ? null : parts[2]);
    }

    /** WHERE clause with ? for values (or inlined literals, for "show as SQL"). */
    String where(boolean inline) {
        if (filters.isEmpty()) {
            return "";
        }
        List<String> terms = new ArrayList<>();
        for (Filter f : filters) {
            String col = Sql.id(f.column().name());
            String value = inline ? (f.value() == null ? "NULL" : Sql.literal(f.value())) : "?";
            terms.add(switch (f.op()) {
                case "null" -> col + " IS NULL";
                case "notnull" -> col + " IS NOT NULL";
                case "like" -> col + "::text LIKE " + value;
                case "ilike" -> col + "::text ILIKE " + value;
                default -> col + " " + operator(f.op()) + " CAST(" + value + " AS " + f.column().type() + ")";
            });
        }
        return " WHERE " + String.join(" AND ", terms);
    }

    private static String operator(String op) {
        return switch (op) {
            case "eq" -> "=";
            case "ne" -> "<>";
            case "lt" -> "<";
            case "lte" -> "<=";
            case "gt" -> ">";
            default -> ">=";
        };
    }

    String orderBy() {
        List<String> terms = new ArrayList<>();
        for (Sort s : sorts) {
            terms.add(Sql.id(s.column().name()) + (s.descending() ? " DESC" : " ASC"));
        }
        // a stable page order: the primary key breaks ties
        for (String pk : table.primaryKey()) {
            if (sorts.stream().noneMatch(s -> s.column().name().equals(pk))) {
                terms.add(Sql.id(pk));
            }
        }
        return terms.isEmpty() ? "" : " ORDER BY " + String.join(", ", terms);
    }

    public String selectSql(boolean inline, boolean paged) {
        return "SELECT * FROM " + Sql.id(table.name()) + where(inline) + orderBy() + (paged ? " LIMIT " + limit + " OFFSET " + offset : "");
    }

    /** The current view as SQL a person can paste into psql. */
    public String showAsSql() {
        return selectSql(true, true) + ";";
    }

    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Filter f : filters) {
            if (f.value() != null && !f.op().equals("null") && !f.op().equals("notnull")) {
                ps.setString(i++, f.value());
            }
        }
        return i;
    }

    public PreparedStatement prepareRows(Connection c, boolean paged) throws SQLException {
        PreparedStatement ps = c.prepareStatement(selectSql(false, paged));
        bind(ps);
        return ps;
    }

    /**
     * The number of rows the view matches. Exact when the planner expects at most {@code exactUpTo}
     * rows or when asked; else the planner's estimate — no count(*) over a million rows for each page.
     * An exact count is also given up (for the estimate) when it takes longer than {@code budgetMillis}.
     */
    /** Up to this many rows by the estimate, a count is exact even when the answer's time is spent: counting them takes milliseconds. */
    static final long SMALL = 10_000;

    public Count count(Connection c, long exactUpTo, boolean exactAsked, int budgetMillis) throws SQLException {
        long estimate = -1;
        if (filters.isEmpty()) {
            // read now, not from the cached metadata: the planner's figure after the latest ANALYZE
            try (PreparedStatement ps = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = CAST(? AS regclass)")) {
                ps.setString(1, Sql.id(table.name()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    estimate = rs.getLong(1);
                }
            }
        }
        if (estimate < 0) {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) SELECT 1 FROM " + Sql.id(table.name()) + where(false))) {
                bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    estimate = Math.round(new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1))
                            .get(0).get("Plan").get("Plan Rows").asDouble());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    estimate = -1;
                }
            }
        }
        // a small table (or one never analysed, whose estimate is a guess) is counted whatever time is left: it is quick
        boolean small = estimate <= SMALL;
        if (!exactAsked && (estimate > exactUpTo || (budgetMillis < 30 && !small))) {
            // too many rows to count on every page, or no time left in this answer to count them
            return new Count(Math.max(estimate, 0), false);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        int timeoutMillis = exactAsked ? 60_000 : small ? Math.max(budgetMillis, 250) : budgetMillis;
        try (PreparedStatement timeout = c.prepareStatement("SET LOCAL statement_timeout = " + timeoutMillis);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Sql.id(table.name()) + where(false))) {
            timeout.execute();
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Count(rs.getLong(1), true);
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState()) && !exactAsked) {
                return new Count(Math.max(estimate, 0), false);
            }
            throw e;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    public record Count(long count, boolean exact) {
    }

    public TableMeta table() {
        return table;
    }
}
