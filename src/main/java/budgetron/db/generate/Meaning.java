package budgetron.db.generate;

import budgetron.db.schema.Catalog;
import budgetron.db.schema.Catalog.Column;
import budgetron.db.schema.Catalog.Constraint;
import budgetron.db.schema.Catalog.Table;
import budgetron.db.schema.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * CHECK constraints and defaults compared by what they mean, not by how they are spelled. The same
 * condition has several printed forms: Hibernate's create stores `status IN ('A','B')` as one parse
 * tree, a changeset that wrote PostgreSQL's printed text back stores another, and they print
 * differently though they accept the same rows. Where the two sides' texts differ, both are put
 * through PostgreSQL's print-and-parse round trip until they print the same, on a temporary copy of
 * the live table (LIKE it: the same column types) in a transaction that is rolled back; equal
 * fixpoints mean equal meaning, and the desired side takes the live spelling so that the diff sees
 * no change. Nothing of the live database is changed or locked beyond LIKE's share lock.
 */
final class Meaning {
    private static final String PROBE = "budgetron_meaning";

    private Meaning() {
    }

    static Catalog reconcile(Connection live, Catalog current, Catalog desired) throws SQLException {
        Map<String, Constraint> constraints = new LinkedHashMap<>(desired.constraints());
        Map<String, Table> tables = new LinkedHashMap<>(desired.tables());
        boolean any = false;
        for (Constraint want : desired.constraints().values()) {
            Constraint have = current.constraints().get(want.key());
            any |= want.type() == 'c' && have != null && have.type() == 'c' && have.table().equals(want.table())
                    && !have.definition().equals(want.definition());
        }
        for (Table want : desired.tables().values()) {
            Table have = current.tables().get(want.name());
            if (have != null) {
                for (Column w : want.columns().values()) {
                    Column h = have.columns().get(w.name());
                    any |= h != null && !w.generated() && !h.generated() && h.type().equals(w.type()) && !Objects.equals(h.defaultExpr(), w.defaultExpr())
                            && h.defaultExpr() != null && w.defaultExpr() != null;
                }
            }
        }
        if (!any) {
            return desired; // the usual case: the texts agree already, no round trip at all
        }
        boolean autoCommit = live.getAutoCommit();
        live.setAutoCommit(false);
        Savepoint before = autoCommit ? null : live.setSavepoint();
        try (Statement s = live.createStatement()) {
            s.execute("SET LOCAL search_path = pg_catalog"); // the texts are printed under it (Catalog.read): names qualified
            for (Constraint want : desired.constraints().values()) {
                Constraint have = current.constraints().get(want.key());
                if (want.type() != 'c' || have == null || have.type() != 'c' || !have.table().equals(want.table())
                        || have.definition().equals(want.definition())) {
                    continue;
                }
                copy(s, want.table());
                if (fixpointCheck(s, have.definition()).equals(fixpointCheck(s, want.definition()))) {
                    constraints.put(want.key(), new Constraint(want.table(), want.name(), want.type(), have.definition(), want.columns(),
                            want.referencedTable()));
                }
            }
            for (Table want : desired.tables().values()) {
                Table have = current.tables().get(want.name());
                if (have == null) {
                    continue;
                }
                Map<String, Column> columns = new LinkedHashMap<>(want.columns());
                for (Column w : want.columns().values()) {
                    Column h = have.columns().get(w.name());
                    if (h == null || w.generated() || h.generated() || !h.type().equals(w.type()) || h.defaultExpr() == null || w.defaultExpr() == null
                            || h.defaultExpr().equals(w.defaultExpr())) {
                        continue;
                    }
                    copy(s, want.name());
                    if (fixpointDefault(s, w.name(), h.defaultExpr()).equals(fixpointDefault(s, w.name(), w.defaultExpr()))) {
                        columns.put(w.name(), new Column(w.name(), w.type(), h.defaultExpr(), w.notNull(), w.identity(), w.generated(), w.virtual()));
                    }
                }
                tables.put(want.name(), new Table(want.name(), columns));
            }
        } finally {
            if (before != null) {
                live.rollback(before);
            } else {
                live.rollback();
            }
            live.setAutoCommit(autoCommit);
        }
        return desired.with(tables, constraints, desired.indexes());
    }

    /** A fresh temporary copy of the table's columns (types, not constraints or defaults). */
    private static void copy(Statement s, String table) throws SQLException {
        s.execute("DROP TABLE IF EXISTS pg_temp." + PROBE);
        s.execute("CREATE TEMPORARY TABLE " + PROBE + " (LIKE " + Sql.qualified(table) + ")");
    }

    private static String fixpointCheck(Statement s, String definition) throws SQLException {
        String text = definition;
        for (int pass = 0; pass < 4; pass++) {
            s.execute("ALTER TABLE pg_temp." + PROBE + " ADD CONSTRAINT " + PROBE + " " + text + " NOT VALID");
            String printed;
            try (ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '" + PROBE
                    + "' AND conrelid = 'pg_temp." + PROBE + "'::regclass")) {
                rs.next();
                printed = rs.getString(1).replaceFirst(" NOT VALID$", "");
            }
            s.execute("ALTER TABLE pg_temp." + PROBE + " DROP CONSTRAINT " + PROBE);
            if (printed.equals(text)) {
                break;
            }
            text = printed;
        }
        return text;
    }

    private static String fixpointDefault(Statement s, String column, String expression) throws SQLException {
        String text = expression;
        for (int pass = 0; pass < 4; pass++) {
            s.execute("ALTER TABLE pg_temp." + PROBE + " ALTER COLUMN " + Sql.id(column) + " SET DEFAULT " + text);
            String printed;
            try (ResultSet rs = s.executeQuery("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                    + "ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'pg_temp." + PROBE + "'::regclass AND a.attname = "
                    + Sql.literal(column))) {
                rs.next();
                printed = rs.getString(1);
            }
            if (printed.equals(text)) {
                break;
            }
            text = printed;
        }
        return text;
    }
}
