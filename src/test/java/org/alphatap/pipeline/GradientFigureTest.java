package org.alphatap.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.science.GradientFit;
import org.alphatap.science.Gradients;
import org.alphatap.store.Database;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * Fig. 2 shows what the build published: its points are the rows of alpha.clusters in the
 * gradient fits, its line is the Model H row of alpha.gradients of the served family's sample.
 */
class GradientFigureTest {
    private static final Comparator<double[]> BY_X_THEN_Y = Comparator.<double[]>comparingDouble(p -> p[0])
            .thenComparingDouble(p -> p[1]);

    @Test
    void everyGradientFigureHoldsTheClustersAndTheFitOfTheTables() throws Exception {
        Build.Result build = BuiltFixture.result();
        int figures = 0;
        try (Connection db = Database.openReadOnly(build.dataDir())) {
            Gradients.Sample served = Gradients.Sample.of(build.served());
            for (Gradients.Row g : build.gradients()) {
                if (g.fit().model() != GradientFit.Model.H || g.sample() != served) {
                    continue;
                }
                XYPlot plot = (XYPlot) ScienceReport.gradientChart(build.clusters(), g).getPlot();
                String value = g.element().equals(Gradients.IRON) ? "feh_mean" : g.element() + "_fe_mean";
                assertSamePoints(rows(db, "SELECT rgc / 1000, " + value + " FROM alpha.clusters WHERE in_gradient = 1"),
                        points(plot.getDataset(1)), g.element());
                line(db, served, g.element(), (YIntervalSeriesCollection) plot.getDataset(0));
                figures++;
            }
        }
        assertEquals(6, figures, "five elements and [Fe/H]");
    }

    @Test
    void theBandIsLabelled() {
        Build.Result build = BuiltFixture.result();
        JFreeChart chart = ScienceReport.gradientChart(build.clusters(), build.gradients().get(0));
        String legend = ((XYPlot) chart.getPlot()).getDataset(0).getSeriesKey(0).toString();
        assertTrue(legend.contains("95% credible band"), legend);
    }

    /** The line at each of its points is the stored slope and intercept; the band brackets it. */
    private static void line(Connection db, Gradients.Sample sample, String element, YIntervalSeriesCollection fit)
            throws Exception {
        double slope;
        double intercept;
        try (ResultSet rs = db.createStatement().executeQuery("SELECT slope, intercept FROM alpha.gradients"
                + " WHERE model = 'H' AND element = '" + element + "' AND sample = '" + sample.key() + "'")) {
            assertTrue(rs.next(), element);
            slope = rs.getDouble(1);
            intercept = rs.getDouble(2);
        }
        assertTrue(fit.getItemCount(0) > 10);
        for (int i = 0; i < fit.getItemCount(0); i++) {
            double r = fit.getXValue(0, i);
            double y = fit.getYValue(0, i);
            assertEquals(intercept + slope * r, y, 1e-6, element + " at " + r + " kpc");
            assertTrue(fit.getStartYValue(0, i) < y && y < fit.getEndYValue(0, i), element + " band at " + r);
        }
    }

    private static void assertSamePoints(List<double[]> expected, List<double[]> actual, String element) {
        assertEquals(expected.size(), actual.size(), element + ": clusters");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], actual.get(i)[0], 1e-9, element + ": R_GC of point " + i);
            // The table holds the cluster means as REAL.
            assertEquals(expected.get(i)[1], actual.get(i)[1], 1e-6, element + ": value of point " + i);
        }
    }

    private static List<double[]> rows(Connection db, String sql) throws Exception {
        List<double[]> out = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
            }
        }
        out.sort(BY_X_THEN_Y);
        return out;
    }

    private static List<double[]> points(XYDataset d) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < d.getItemCount(0); i++) {
            out.add(new double[] {d.getXValue(0, i), d.getYValue(0, i)});
        }
        out.sort(BY_X_THEN_Y);
        return out;
    }
}
