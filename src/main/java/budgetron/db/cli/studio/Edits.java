package budgetron.db.cli.studio;

import budgetron.db.schema.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row edits from the grid — insert, update, delete — saved together in one transaction: all of
 * them, or, at the first error (a constraint, a value of the wrong type, a row changed meanwhile),
 * none. A row is found by its primary key; tables without one can only get inserts.
 */
public final class Edits {
    /** op: insert | update | delete; key: primary-key values (update, delete); values: column → text or null. */
    public record Edit(String op, String table, Map<String, String> key, Map<String, String> values) {
    }

    record Statement(String sql, String display, List<String> params) {
    }

    private Edits() {
    }

    static Statement statement(Edit edit, Map<String, TableMeta> tables) {
        TableMeta t = tables.get(edit.table());
        if (t == null) {
            throw new StudioException(404, "No table '" + edit.table() + "'.");
        }
        String table = Sql.id(t.name());
        List<String> params = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        Map<String, String> values = edit.values() == null ? Map.of() : edit.values();
        switch (edit.op() == null ? "" : edit.op()) {
            case "insert" -> {
                List<String> cols = new ArrayList<>();
                List<String> marks = new ArrayList<>();
                List<String> literals = new ArrayList<>();
                values.forEach((column, value) -> {
                    TableMeta.Column c = t.column(column);
                    cols.add(Sql.id(c.name()));
                    marks.add(cast("?", c));
                    literals.add(cast(literal(value), c));
                    params.add(value);
                });
                String head = "INSERT INTO " + table + (cols.isEmpty() ? " DEFAULT VALUES" : " (" + String.join(", ", cols) + ") VALUES ");
                return new Statement(head + (cols.isEmpty() ? "" : "(" + String.join(", ", marks) + ")"),
                        head + (cols.isEmpty() ? "" : "(" + String.join(", ", literals) + ")"), params);
            }
            case "update", "delete" -> {
                if (t.primaryKey().isEmpty()) {
                    throw new StudioException(400, "Table " + t.name() + " has no primary key: its rows cannot be told apart for an "
                            + edit.op() + ". Use the SQL console.");
                }
                List<String> sets = new ArrayList<>();
                List<String> setsShown = new ArrayList<>();
                if (edit.op().equals("update")) {
                    if (values.isEmpty()) {
                        throw new StudioException(400, "An update needs at least one value.");
                    }
                    values.forEach((column, value) -> {
                        TableMeta.Column c = t.column(column);
                        sets.add(Sql.id(c.name()) + " = " + cast("?", c));
                        setsShown.add(Sql.id(c.name()) + " = " + cast(literal(value), c));
                        params.add(value);
                    });
                }
                List<String> where = new ArrayList<>();
                List<String> whereShown = new ArrayList<>();
                for (String pk : t.primaryKey()) {
                    String value = edit.key() == null ? null : edit.key().get(pk);
                    if (value == null) {
                        throw new StudioException(400, "The " + edit.op() + " of a " + t.name() + " row needs its key " + pk + ".");
                    }
                    TableMeta.Column c = t.column(pk);
                    where.add(Sql.id(pk) + " = " + cast("?", c));
                    whereShown.add(Sql.id(pk) + " = " + cast(literal(value), c));
                    params.add(value);
                }
                String head = edit.op().equals("update") ? "UPDATE " + table + " SET " : "DELETE FROM " + table;
                return new Statement(head + String.join(", ", sets) + " WHERE " + String.join(" AND ", where),
                        head + String.join(", ", setsShown) + " WHERE " + String.join(" AND ", whereShown), params);
            }
            default -> throw new StudioException(400, "An edit's op is insert, update or delete, not '" + edit.op() + "'.");
        }
    }

    private static String cast(String value, TableMeta.Column c) {
        return "CAST(" + value + " AS " + c.type() + ")";
    }

    private static String literal(String value) {
        return value == null ? "NULL" : Sql.literal(value);
    }

    /** The SQL the edits will run, as text to show before saving. */
    public static List<String> preview(List<Edit> edits, Map<String, TableMeta> tables) {
        return edits.stream().map(e -> statement(e, tables).display() + ";").toList();
    }

    /** Runs every edit in one transaction; returns the SQL shown for each. */
    public static List<String> apply(Connection c, List<Edit> edits, Map<String, TableMeta> tables) throws SQLException {
        List<Statement> statements = edits.stream().map(e -> statement(e, tables)).toList();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int i = 0; i < statements.size(); i++) {
                Statement s = statements.get(i);
                try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                    for (int p = 0; p < s.params().size(); p++) {
                        ps.setString(p + 1, s.params().get(p));
                    }
                    int n = ps.executeUpdate();
                    if (n != 1) {
                        throw new StudioException(409, "Edit " + (i + 1) + " (" + s.display() + ") changed " + n
                                + " rows instead of 1: the row was changed or deleted meanwhile. Nothing was saved.");
                    }
                }
            }
            c.commit();
            return statements.stream().map(s -> s.display() + ";").toList();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
