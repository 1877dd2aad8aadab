package org.alphatap.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alphatap.science.Galactocentric;
import org.alphatap.survey.Element;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * The clusters of the gradient fits in the Galactic plane (Galactocentric X, Y), coloured by one
 * cluster [X/Fe]: where the gradient's clusters are, and the gradient itself as a colour trend
 * from the centre outwards. Drawn from the published table alpha.clusters, so that it shows what
 * a query of that table returns.
 */
public final class ClusterMap {
    /** Viridis at five stops: ordered in lightness, readable in grey and by the colour-blind. */
    private static final Color[] STOPS = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(94, 201, 98), new Color(253, 231, 37)};

    private ClusterMap() {
    }

    /** One series: X and Y in kpc, and the cluster [X/Fe] mean, in the order of the cluster names. */
    public static XYZDataset dataset(Connection db, Element e) throws SQLException {
        String value = e.key() + "_fe_mean";
        List<double[]> rows = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT x, y, " + value + " FROM alpha.clusters"
                + " WHERE in_gradient = 1 AND x IS NOT NULL AND y IS NOT NULL AND " + value + " IS NOT NULL ORDER BY name")) {
            while (rs.next()) {
                rows.add(new double[] {rs.getDouble(1) / 1000, rs.getDouble(2) / 1000, rs.getDouble(3)});
            }
        }
        double[][] columns = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 3; k++) {
                columns[k][i] = rows.get(i)[k];
            }
        }
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries("clusters (" + rows.size() + ")", columns);
        return d;
    }

    public static JFreeChart chart(XYZDataset d, Element e) {
        String label = "[" + e.symbol() + "/Fe]";
        double[] z = new double[d.getItemCount(0)];
        Arrays.setAll(z, i -> d.getZValue(0, i));
        PaintScale scale = scale(z);
        XYShapeRenderer renderer = new XYShapeRenderer();
        renderer.setPaintScale(scale);
        renderer.setDefaultShape(new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setDrawOutlines(false);
        NumberAxis x = new NumberAxis("Galactocentric X (kpc)");
        NumberAxis y = new NumberAxis("Galactocentric Y (kpc)");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(d, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYPointerAnnotation sun = new XYPointerAnnotation("Sun", -Galactocentric.R0_PC / 1000, 0, -Math.PI / 4);
        sun.setFont(new Font("SansSerif", Font.PLAIN, 12));
        plot.addAnnotation(sun);
        JFreeChart chart = Figures.chart(label + " of the gradient clusters in the Galactic plane", plot);
        chart.removeLegend();
        chart.addSubtitle(legend(scale, label + " cluster mean (dex)", RectangleEdge.RIGHT, new RectangleInsets(4, 4,
                40, 4)));
        return chart;
    }

    /** The colour bar of a scale, labelled, on one edge of the chart. */
    static PaintScaleLegend legend(PaintScale scale, String label, RectangleEdge edge, RectangleInsets margin) {
        NumberAxis scaleAxis = new NumberAxis(label);
        scaleAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(edge);
        legend.setMargin(margin);
        return legend;
    }

    /**
     * Colours over the 2nd to 98th percentile of the values, so that one outlying cluster does not
     * wash the others into one colour; values past the ends take the end colours.
     */
    static PaintScale scale(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = sorted.length == 0 ? -0.1 : sorted[(int) (0.02 * (sorted.length - 1))];
        double hi = sorted.length == 0 ? 0.1 : sorted[(int) Math.ceil(0.98 * (sorted.length - 1))];
        if (hi - lo < 1e-3) {
            lo -= 0.01;
            hi += 0.01;
        }
        return new Viridis(lo, hi);
    }

    private record Viridis(double lower, double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (STOPS.length - 1);
            int k = Math.min((int) t, STOPS.length - 2);
            double f = t - k;
            Color a = STOPS[k];
            Color b = STOPS[k + 1];
            return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                    mix(a.getBlue(), b.getBlue(), f));
        }

        private static int mix(int a, int b, double f) {
            return (int) Math.round(a + (b - a) * f);
        }
    }
}
