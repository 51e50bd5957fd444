package budgetron.db.review;

import budgetron.db.schema.Catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity-relationship diagram of a catalog as plain SVG: one box per table (columns, types,
 * PK and FK marks) in a grid, a line per foreign key. Nothing external: no fonts, no scripts.
 */
public final class ErDiagram {
    private static final int COLUMNS = 4;
    private static final int BOX_WIDTH = 360;
    private static final int ROW = 16;
    private static final int HEADER = 24;
    private static final int GAP_X = 60;
    private static final int GAP_Y = 50;

    private record Box(String table, int x, int y, int height) {
        int centreX() {
            return x + BOX_WIDTH / 2;
        }

        int centreY() {
            return y + height / 2;
        }
    }

    private ErDiagram() {
    }

    public static String svg(Catalog catalog) {
        List<Catalog.Table> tables = new ArrayList<>(catalog.tables().values());
        Map<String, Box> boxes = new HashMap<>();
        int y = 20;
        int width = 20 + COLUMNS * (BOX_WIDTH + GAP_X);
        for (int row = 0; row * COLUMNS < tables.size(); row++) {
            int rowHeight = 0;
            for (int col = 0; col < COLUMNS && row * COLUMNS + col < tables.size(); col++) {
                Catalog.Table t = tables.get(row * COLUMNS + col);
                int h = HEADER + ROW * t.columns().size() + 8;
                boxes.put(t.name(), new Box(t.name(), 20 + col * (BOX_WIDTH + GAP_X), y, h));
                rowHeight = Math.max(rowHeight, h);
            }
            y += rowHeight + GAP_Y;
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"er\" width=\"").append(width).append("\" height=\"").append(y)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(y).append("\" font-family=\"monospace\" font-size=\"12\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        for (Catalog.Constraint fk : catalog.constraints().values()) {
            Box from = boxes.get(fk.table());
            Box to = boxes.get(fk.referencedTable());
            if (fk.type() == 'f' && from != null && to != null && from != to) {
                svg.append("<line class=\"fk\" x1=\"").append(from.centreX()).append("\" y1=\"").append(from.centreY())
                        .append("\" x2=\"").append(edgeX(from, to)).append("\" y2=\"").append(edgeY(from, to))
                        .append("\" stroke=\"#888\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"><title>").append(Html.escape(fk.name()))
                        .append("</title></line>\n");
            }
        }
        for (Catalog.Table t : tables) {
            Box b = boxes.get(t.name());
            List<String> pk = new ArrayList<>();
            Map<String, String> fkTarget = new HashMap<>();
            for (Catalog.Constraint c : catalog.constraints().values()) {
                if (c.table().equals(t.name()) && c.type() == 'p') {
                    pk.addAll(c.columns());
                } else if (c.table().equals(t.name()) && c.type() == 'f' && c.columns().size() == 1) {
                    fkTarget.put(c.columns().get(0), c.referencedTable());
                }
            }
            svg.append("<g class=\"table\" data-table=\"").append(Html.escape(t.name())).append("\">\n");
            svg.append("<rect x=\"").append(b.x()).append("\" y=\"").append(b.y()).append("\" width=\"").append(BOX_WIDTH)
                    .append("\" height=\"").append(b.height()).append("\" rx=\"4\" fill=\"#fff\" stroke=\"#335\"/>\n");
            svg.append("<rect x=\"").append(b.x()).append("\" y=\"").append(b.y()).append("\" width=\"").append(BOX_WIDTH)
                    .append("\" height=\"").append(HEADER - 4).append("\" rx=\"4\" fill=\"#335\"/>\n");
            svg.append("<text x=\"").append(b.x() + 8).append("\" y=\"").append(b.y() + 15).append("\" fill=\"#fff\" font-weight=\"bold\">")
                    .append(Html.escape(t.name())).append("</text>\n");
            int ry = b.y() + HEADER + 10;
            for (Catalog.Column c : t.columns().values()) {
                String mark = pk.contains(c.name()) ? "PK " : fkTarget.containsKey(c.name()) ? "FK " : "   ";
                String type = c.type().replace("public.", "").replace("timestamp without time zone", "timestamp");
                String text = mark + c.name() + (c.notNull() ? "" : "?");
                svg.append("<text x=\"").append(b.x() + 8).append("\" y=\"").append(ry).append("\" xml:space=\"preserve\">")
                        .append(Html.escape(text)).append("</text>");
                svg.append("<text x=\"").append(b.x() + BOX_WIDTH - 8).append("\" y=\"").append(ry)
                        .append("\" text-anchor=\"end\" fill=\"#666\">").append(Html.escape(type))
                        .append(fkTarget.containsKey(c.name()) ? " → " + Html.escape(fkTarget.get(c.name())) : "").append("</text>\n");
                ry += ROW;
            }
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Where a line from a box's centre towards another box meets that other box's edge. */
    private static int edgeX(Box from, Box to) {
        if (Math.abs(from.centreX() - to.centreX()) < BOX_WIDTH / 2) {
            return to.centreX();
        }
        return from.centreX() < to.centreX() ? to.x() : to.x() + BOX_WIDTH;
    }

    private static int edgeY(Box from, Box to) {
        if (Math.abs(from.centreX() - to.centreX()) < BOX_WIDTH / 2) {
            return from.centreY() < to.centreY() ? to.y() : to.y() + to.height();
        }
        return to.centreY();
    }
}
