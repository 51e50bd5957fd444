package budgetron.db.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a database has that the diff does not compare yet: named, so that the diff can say "not
 * compared" instead of silently leaving it out (or worse, dropping it).
 */
final class CatalogExtras {
    private CatalogExtras() {
    }

    static List<String> notCompared(Connection c, String[] schema) throws SQLException {
        List<String> out = new ArrayList<>();
        String notExtension = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";
        Catalog.query(c, "SELECT CASE cl.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'foreign table ' END "
                + "|| cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                + "WHERE n.nspname = ANY (?) AND cl.relkind IN ('v', 'm', 'f') AND " + String.format(notExtension, "cl.oid") + " ORDER BY 1", schema,
                rs -> out.add(rs.getString(1)));
        Catalog.query(c, "SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY (?) AND " + String.format(notExtension, "p.oid")
                + " ORDER BY 1", schema, rs -> out.add(rs.getString(1)));
        Catalog.query(c, "SELECT 'trigger ' || t.tgname || ' on ' || cl.relname FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ANY (?) AND NOT t.tgisinternal ORDER BY 1", schema,
                rs -> out.add(rs.getString(1)));
        Catalog.query(c, "SELECT 'policy ' || p.polname || ' on ' || cl.relname FROM pg_policy p JOIN pg_class cl ON cl.oid = p.polrelid "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ANY (?) ORDER BY 1", schema, rs -> out.add(rs.getString(1)));
        Catalog.query(c, "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE n.nspname <> ALL (?) AND n.nspname NOT LIKE 'pg\\_%' "
                + "AND n.nspname <> 'information_schema' AND EXISTS (SELECT 1 FROM pg_class cl WHERE cl.relnamespace = n.oid) ORDER BY 1",
                schema, rs -> out.add(rs.getString(1)));
        return out;
    }
}
