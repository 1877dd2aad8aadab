package org.alphatap.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The science figures, drawn with JFreeChart from the numbers the build publishes, as PNG and
 * SVG: predicted vs GALAH with residuals (the paper's Fig. 1) and cluster [X/Fe] vs R_GC with the
 * fitted line and its labelled 95% band (Fig. 2).
 */
public final class Figures {
    /** The build's figure directory, beside its database. */
    public static final String DIR = "figures";
    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;
    private static final Color POINTS = new Color(31, 119, 180, 90);
    private static final Color LINE = new Color(214, 39, 40);
    private static final Color BAND = new Color(214, 39, 40, 60);

    private Figures() {
    }

    /** Fig. 1: GALAH label vs prediction (top) and residual (bottom) for one element's test set. */
    public static JFreeChart predictedVsObserved(String symbol, float[] truth, float[] predicted) {
        XYSeries points = new XYSeries("test stars", false, true);
        XYSeries residuals = new XYSeries("residual", false, true);
        XYSeries identity = new XYSeries("1:1");
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < truth.length; i++) {
            points.add(truth[i], predicted[i]);
            residuals.add(truth[i], predicted[i] - truth[i]);
            lo = Math.min(lo, truth[i]);
            hi = Math.max(hi, truth[i]);
        }
        identity.add(lo, lo);
        identity.add(hi, hi);
        NumberAxis x = new NumberAxis("GALAH [" + symbol + "/Fe] (dex)");
        x.setAutoRangeIncludesZero(false);
        XYPlot top = scatterPlot(new NumberAxis("predicted [" + symbol + "/Fe] (dex)"), points, identity);
        XYSeries zero = new XYSeries("0");
        zero.add(lo, 0);
        zero.add(hi, 0);
        XYPlot bottom = scatterPlot(new NumberAxis("predicted − GALAH (dex)"), residuals, zero);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.add(top, 3);
        plot.add(bottom, 1);
        return chart("[" + symbol + "/Fe]: test set (" + truth.length + " stars)", plot);
    }

    /** Fig. 2: cluster values vs R_GC (kpc) with the posterior-mean line and its 95% band. */
    public static JFreeChart gradient(String label, double[] rKpc, double[] y, double[] line, double[] lineR,
            double[] band, String fitLabel) {
        XYSeries clusters = new XYSeries("clusters (" + rKpc.length + ")", false, true);
        for (int i = 0; i < rKpc.length; i++) {
            clusters.add(rKpc[i], y[i]);
        }
        YIntervalSeries fit = new YIntervalSeries(fitLabel);
        for (int i = 0; i < lineR.length; i++) {
            fit.add(lineR[i], line[i], line[i] - band[i], line[i] + band[i]);
        }
        XYPlot plot = new XYPlot();
        NumberAxis xAxis = new NumberAxis("R_GC (kpc)");
        xAxis.setAutoRangeIncludesZero(false);
        plot.setDomainAxis(xAxis);
        NumberAxis yAxis = new NumberAxis(label + " (dex)");
        yAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(yAxis);
        plot.setDataset(0, new YIntervalSeriesCollection() {
            {
                addSeries(fit);
            }
        });
        DeviationRenderer dev = new DeviationRenderer(true, false);
        dev.setSeriesPaint(0, LINE);
        dev.setSeriesFillPaint(0, BAND);
        dev.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(0, dev);
        addPoints(plot, clusters);
        return chart(label + " vs R_GC", plot);
    }

    /** The file name, without extension, of Fig. 1 for an element key ("mg"). */
    public static String performanceName(String key) {
        return "fig1_" + key;
    }

    /** The file name, without extension, of Fig. 2 for an element key, or "fe" for [Fe/H]. */
    public static String gradientName(String key) {
        return "fig2_" + key;
    }

    /** Writes {@code name}.png and {@code name}.svg in {@code dir}. */
    public static void write(JFreeChart chart, Path dir, String name) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, WIDTH, HEIGHT);
        Files.writeString(dir.resolve(name + ".svg"), svg(chart, WIDTH, HEIGHT), StandardCharsets.UTF_8);
    }

    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }

    public static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
    }

    private static XYPlot scatterPlot(NumberAxis yAxis, XYSeries points, XYSeries line) {
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot();
        plot.setRangeAxis(yAxis);
        plot.setDataset(0, new XYSeriesCollection(line));
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setSeriesPaint(0, LINE);
        plot.setRenderer(0, lineRenderer);
        addPoints(plot, points);
        return plot;
    }

    /** The data points as the second layer, over the line or band, on the common white style. */
    private static void addPoints(XYPlot plot, XYSeries points) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(0, POINTS);
        plot.setDataset(1, new XYSeriesCollection(points));
        plot.setRenderer(1, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    }

    static JFreeChart chart(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
