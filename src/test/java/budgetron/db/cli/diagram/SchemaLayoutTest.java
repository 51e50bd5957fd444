package budgetron.db.cli.diagram;

import budgetron.db.config.DbUrl;
import budgetron.db.schema.Catalog;
import budgetron.db.support.Cli;
import budgetron.db.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagram of Budgetron's schema: boxes apart, every foreign-key line routed around the boxes. */
class SchemaLayoutTest {
    @Test
    void linesGoAroundTablesNotThroughThem() throws Exception {
        DbUrl url = TestDatabase.fresh();
        assertEquals(0, Cli.run("migrate", "--db-url", url.toString()).exitCode);
        Catalog catalog;
        try (Connection c = TestDatabase.connect(url)) {
            catalog = Catalog.read(c);
        }
        SchemaLayout layout = SchemaLayout.of(catalog);
        assertEquals(13, layout.boxes().size());
        long fks = catalog.constraints().values().stream().filter(c -> c.type() == 'f').count();
        assertEquals(fks, layout.lines().size());
        for (SchemaLayout.Box a : layout.boxes()) {
            for (SchemaLayout.Box b : layout.boxes()) {
                if (a != b) {
                    assertFalse(a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height(),
                            a.table() + " overlaps " + b.table());
                }
            }
        }
        for (SchemaLayout.Line line : layout.lines()) {
            assertTrue(line.points().size() >= 2, line.constraint());
            for (int i = 0; i + 1 < line.points().size(); i++) {
                double[] p = line.points().get(i);
                double[] q = line.points().get(i + 1);
                assertTrue(p[0] == q[0] || p[1] == q[1], "orthogonal segment in " + line.constraint());
                for (SchemaLayout.Box box : layout.boxes()) {
                    assertFalse(crossesInterior(p, q, box), line.constraint() + " runs through " + box.table());
                }
            }
        }
        String svg = SchemaDiagram.svg(catalog, true);
        assertTrue(svg.contains("<a href=\"?table=transactions\""), "tables link to their grid");
        assertFalse(SchemaDiagram.svg(catalog, false).contains("<a "), "the review's diagram has no links");
    }

    /** Whether the segment p-q passes through the inside of the box (its border, where lines attach, excluded). */
    private static boolean crossesInterior(double[] p, double[] q, SchemaLayout.Box b) {
        double e = 0.5;
        double minX = Math.min(p[0], q[0]);
        double maxX = Math.max(p[0], q[0]);
        double minY = Math.min(p[1], q[1]);
        double maxY = Math.max(p[1], q[1]);
        return maxX > b.x() + e && minX < b.x() + b.width() - e && maxY > b.y() + e && minY < b.y() + b.height() - e;
    }
}
