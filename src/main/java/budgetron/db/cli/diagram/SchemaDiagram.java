package budgetron.db.cli.diagram;

import budgetron.db.schema.Catalog;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A schema as plain SVG, laid out by SchemaLayout: a box per table (columns, types, PK and FK
 * marks), an orthogonal line with an arrow per foreign key. Nothing external: no fonts, no
 * scripts. With links, each table is an anchor to ?table=NAME (the studio's grid).
 */
public final class SchemaDiagram {
    private SchemaDiagram() {
    }

    public static String svg(Catalog catalog, boolean links) {
        SchemaLayout layout = SchemaLayout.of(catalog);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"er\" width=\"").append(n(layout.width())).append("\" height=\"")
                .append(n(layout.height())).append("\" viewBox=\"0 0 ").append(n(layout.width())).append(' ').append(n(layout.height()))
                .append("\" font-family=\"monospace\" font-size=\"12\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        for (SchemaLayout.Line line : layout.lines()) {
            svg.append("<polyline class=\"fk\" data-constraint=\"").append(esc(line.constraint())).append("\" points=\"");
            for (double[] p : line.points()) {
                svg.append(n(p[0])).append(',').append(n(p[1])).append(' ');
            }
            svg.append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"><title>")
                    .append(esc(line.constraint() + ": " + line.from() + " → " + line.to())).append("</title></polyline>\n");
        }
        for (SchemaLayout.Box box : layout.boxes()) {
            table(svg, catalog, box, links);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void table(StringBuilder svg, Catalog catalog, SchemaLayout.Box box, boolean links) {
        Catalog.Table t = catalog.tables().get(box.table());
        Set<String> pk = new HashSet<>();
        Set<String> fk = new HashSet<>();
        for (Catalog.Constraint c : catalog.constraints().values()) {
            if (c.table().equals(t.name()) && c.type() == 'p') {
                pk.addAll(c.columns());
            } else if (c.table().equals(t.name()) && c.type() == 'f') {
                fk.addAll(c.columns());
            }
        }
        if (links) {
            svg.append("<a href=\"?table=").append(esc(t.name())).append("\" data-table=\"").append(esc(t.name())).append("\">");
        }
        svg.append("<g class=\"table\" data-table=\"").append(esc(t.name())).append("\">")
                .append("<rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"").append(n(box.width()))
                .append("\" height=\"").append(n(box.height())).append("\" fill=\"#fff\" stroke=\"#333\" rx=\"4\"/>")
                .append("<rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"").append(n(box.width()))
                .append("\" height=\"").append(n(SchemaLayout.HEADER)).append("\" fill=\"#2d4a7a\" rx=\"4\"/>")
                .append("<text x=\"").append(n(box.x() + 8)).append("\" y=\"").append(n(box.y() + 16))
                .append("\" fill=\"#fff\" font-weight=\"bold\">").append(esc(t.name())).append("</text>");
        double y = box.y() + SchemaLayout.HEADER + 14;
        for (Catalog.Column c : t.columns().values()) {
            String mark = pk.contains(c.name()) ? "PK " : fk.contains(c.name()) ? "FK " : "   ";
            svg.append("<text x=\"").append(n(box.x() + 8)).append("\" y=\"").append(n(y)).append("\" xml:space=\"preserve\">")
                    .append(esc(mark + c.name() + " " + SchemaLayout.shortType(c.type()) + (c.notNull() ? "" : "?"))).append("</text>");
            y += SchemaLayout.ROW;
        }
        svg.append("</g>");
        if (links) {
            svg.append("</a>");
        }
        svg.append('\n');
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
