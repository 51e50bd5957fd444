package budgetron.db.cli.diagram;

import budgetron.db.schema.Catalog;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each table box and each foreign-key line of a schema diagram goes, computed by Eclipse
 * ELK's layered algorithm: tables in layers along the references, lines routed orthogonally
 * around the boxes rather than through them.
 */
public record SchemaLayout(double width, double height, List<Box> boxes, List<Line> lines) {
    public static final double ROW = 16;
    public static final double HEADER = 24;
    public static final double CHAR = 7.3;

    public record Box(String table, double x, double y, double width, double height) {
    }

    /** A foreign key drawn as a polyline from its table to the referenced one. */
    public record Line(String constraint, String from, String to, List<double[]> points) {
    }

    private static boolean registered;

    public static synchronized SchemaLayout of(Catalog catalog) {
        if (!registered) {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
            registered = true;
        }
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 40.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 90.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 20.0);
        root.setProperty(CoreOptions.SPACING_EDGE_NODE, 20.0);
        root.setProperty(CoreOptions.SPACING_EDGE_EDGE, 12.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20));
        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        for (Catalog.Table t : catalog.tables().values()) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setIdentifier(t.name());
            n.setDimensions(width(t), HEADER + ROW * t.columns().size() + 8);
            nodes.put(t.name(), n);
        }
        Map<ElkEdge, Catalog.Constraint> edges = new LinkedHashMap<>();
        for (Catalog.Constraint fk : catalog.constraints().values()) {
            ElkNode from = nodes.get(fk.table());
            ElkNode to = nodes.get(fk.referencedTable());
            if (fk.type() == 'f' && from != null && to != null) {
                edges.put(ElkGraphUtil.createSimpleEdge(from, to), fk);
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        List<Box> boxes = new ArrayList<>();
        nodes.forEach((name, n) -> boxes.add(new Box(name, n.getX(), n.getY(), n.getWidth(), n.getHeight())));
        List<Line> lines = new ArrayList<>();
        edges.forEach((edge, fk) -> {
            List<double[]> points = new ArrayList<>();
            for (ElkEdgeSection s : edge.getSections()) {
                points.add(new double[]{s.getStartX(), s.getStartY()});
                for (ElkBendPoint b : s.getBendPoints()) {
                    points.add(new double[]{b.getX(), b.getY()});
                }
                points.add(new double[]{s.getEndX(), s.getEndY()});
            }
            lines.add(new Line(fk.name(), fk.table(), fk.referencedTable(), points));
        });
        return new SchemaLayout(root.getWidth(), root.getHeight(), boxes, lines);
    }

    /** Wide enough for the longest "name type" line in a monospace font, plus the PK/FK marks. */
    static double width(Catalog.Table t) {
        int longest = t.name().length();
        for (Catalog.Column c : t.columns().values()) {
            longest = Math.max(longest, c.name().length() + 1 + shortType(c.type()).length() + 4);
        }
        return Math.max(160, longest * CHAR + 24);
    }

    static String shortType(String type) {
        return type.replace("timestamp without time zone", "timestamp").replace("timestamp with time zone", "timestamptz")
                .replace("character varying", "varchar").replace("public.", "");
    }
}
