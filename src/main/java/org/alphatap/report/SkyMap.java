package org.alphatap.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.alphatap.sky.Healpix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Align;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An all-sky map of one value per HEALPix pixel, in an equatorial Mollweide projection centred on
 * RA 180° with RA growing to the left, as the sky is seen. The map is a raster: each image pixel
 * is projected back to the sky and takes the value of the HEALPix pixel it falls in, so the map
 * shows the pixels as they are, and its SVG stays small (the raster is embedded once).
 */
public final class SkyMap {
    /** Figure height at {@link Figures#WIDTH}: the map's ellipse keeps its 2:1 shape. */
    public static final int HEIGHT = 580;
    /** Raster size: twice the width of the plot area, so that order-6 pixels (0.9°) stay sharp. */
    private static final int RASTER_WIDTH = 1600;
    private static final int RASTER_HEIGHT = 800;
    private static final double X_MAX = 2 * Math.sqrt(2);
    private static final double Y_MAX = Math.sqrt(2);
    private static final Color EMPTY = new Color(235, 235, 235);
    private static final Color GRID = new Color(120, 120, 120, 160);

    /** Per-pixel aggregates at one order: pixel numbers (nested), star counts and named means. */
    public record Pixels(int order, long[] pixel, long[] count, Map<String, double[]> means) {
        public long stars() {
            return Arrays.stream(count).sum();
        }
    }

    private SkyMap() {
    }

    /** Stars per square degree, on a log scale. */
    public static JFreeChart density(Pixels p, String what) {
        double area = 4 * 180 * 180 / Math.PI / Healpix.pixelCount(p.order());
        double[] perDeg2 = Arrays.stream(p.count()).mapToDouble(n -> Math.log10(n / area)).toArray();
        return chart(p, perDeg2, "log10(" + what + " per deg²)",
                "Density of " + what + " (" + String.format(Locale.ROOT, "%,d", p.stars()) + ")");
    }

    /** The mean of a column per pixel, with a label such as "[Mg/Fe]". */
    public static JFreeChart mean(Pixels p, String column, String label) {
        return chart(p, p.means().get(column), "mean " + label + " (dex)", "Mean " + label + " per pixel");
    }

    private static JFreeChart chart(Pixels p, double[] values, String scaleLabel, String title) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        PaintScale scale = ClusterMap.scale(finite);
        XYPlot plot = new XYPlot();
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setVisible(false);
        }
        x.setRange(-X_MAX, X_MAX);
        y.setRange(-Y_MAX, Y_MAX);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundImage(raster(p, values, scale));
        plot.setBackgroundImageAlignment(Align.FIT);
        plot.setBackgroundImageAlpha(1f);
        addGraticule(plot);
        JFreeChart chart = Figures.chart(title, plot);
        chart.removeLegend();
        chart.addSubtitle(new TextTitle("HEALPix order " + p.order() + " (" + String.format(Locale.ROOT, "%,d",
                p.pixel().length) + " pixels with stars), equatorial Mollweide, RA 180° at the centre",
                new Font("SansSerif", Font.PLAIN, 12)));
        chart.addSubtitle(ClusterMap.legend(scale, scaleLabel, RectangleEdge.BOTTOM, new RectangleInsets(4, 120, 4,
                120)));
        return chart;
    }

    /** The map's pixels: each raster cell projected back to the sky, coloured by its HEALPix pixel. */
    static BufferedImage raster(Pixels p, double[] values, PaintScale scale) {
        Map<Long, Double> byPixel = new HashMap<>(p.pixel().length * 2);
        for (int i = 0; i < p.pixel().length; i++) {
            byPixel.put(p.pixel()[i], values[i]);
        }
        BufferedImage image = new BufferedImage(RASTER_WIDTH, RASTER_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        for (int row = 0; row < RASTER_HEIGHT; row++) {
            double py = Y_MAX - (row + 0.5) * 2 * Y_MAX / RASTER_HEIGHT;
            for (int col = 0; col < RASTER_WIDTH; col++) {
                double px = -X_MAX + (col + 0.5) * 2 * X_MAX / RASTER_WIDTH;
                double[] radec = inverse(px, py);
                if (radec == null) {
                    continue;
                }
                Double v = byPixel.get(Healpix.nestedIndex(p.order(), radec[0], radec[1]));
                Color c = v == null || !Double.isFinite(v) ? EMPTY : (Color) scale.getPaint(v);
                image.setRGB(col, row, c.getRGB());
            }
        }
        return image;
    }

    /** The (ra, dec), in degrees, that projects to (x, y); null off the ellipse. */
    static double[] inverse(double x, double y) {
        double theta = Math.asin(Math.max(-1, Math.min(1, y / Y_MAX)));
        double halfWidth = X_MAX * Math.cos(theta);
        if (Math.abs(x) > halfWidth) {
            return null;
        }
        double lon = Math.PI - Math.PI * x / halfWidth;
        double lat = Math.asin((2 * theta + Math.sin(2 * theta)) / Math.PI);
        return new double[] {Math.toDegrees(lon), Math.toDegrees(lat)};
    }

    /**
     * (x, y) of (ra, dec) in degrees. The auxiliary angle solves 2θ + sin 2θ = π sin(dec), by
     * bisection: the left side grows with θ, and Newton's step stalls near the poles.
     */
    static double[] forward(double raDeg, double decDeg) {
        double target = Math.PI * Math.sin(Math.toRadians(decDeg));
        double lo = -Math.PI / 2;
        double hi = Math.PI / 2;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (2 * mid + Math.sin(2 * mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double theta = (lo + hi) / 2;
        double lon = Math.toRadians(raDeg);
        return new double[] {-X_MAX / Math.PI * (lon - Math.PI) * Math.cos(theta), Y_MAX * Math.sin(theta)};
    }

    /** Lines of RA every 60° and Dec every 30°, labelled, over the map. */
    private static void addGraticule(XYPlot plot) {
        XYSeriesCollection lines = new XYSeriesCollection();
        for (int dec = -60; dec <= 60; dec += 30) {
            lines.addSeries(line("dec " + dec, dec, true));
            plot.addAnnotation(annotation((dec > 0 ? "+" : "") + dec + "°", forward(359.9, dec)));
        }
        for (int ra = 0; ra <= 360; ra += 60) {
            // The edges of the map, just inside RA 0 and 360 so that each lands on its own side.
            lines.addSeries(line("ra " + ra, ra == 360 ? 359.999 : Math.max(ra, 0.001), false));
            if (ra > 0 && ra < 360) {
                plot.addAnnotation(annotation(ra + "°", forward(ra, 0)));
            }
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultPaint(GRID);
        r.setAutoPopulateSeriesPaint(false);
        r.setDefaultStroke(new BasicStroke(0.6f));
        r.setAutoPopulateSeriesStroke(false);
        plot.setDataset(0, lines);
        plot.setRenderer(0, r);
    }

    /** A parallel (fixed Dec, along RA) or a meridian (fixed RA, along Dec) as a projected line. */
    private static XYSeries line(String name, double fixed, boolean parallel) {
        XYSeries s = new XYSeries(name, false, true);
        for (int t = 0; t <= 180; t++) {
            double[] xy = parallel ? forward(0.001 + t * (359.998 / 180), fixed) : forward(fixed, -90 + t);
            s.add(xy[0], xy[1]);
        }
        return s;
    }

    private static XYTextAnnotation annotation(String text, double[] xy) {
        XYTextAnnotation a = new XYTextAnnotation(text, xy[0], xy[1]);
        a.setFont(new Font("SansSerif", Font.PLAIN, 11));
        a.setPaint(Color.DARK_GRAY);
        return a;
    }
}
