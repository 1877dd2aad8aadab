package org.alphatap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.store.Database;
import org.alphatap.survey.Element;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

/** The cluster map of a real build: its points are the table's gradient clusters, and it draws. */
class ClusterMapTest {
    @Test
    void thePointsAreTheGradientClustersOfTheTableInKpc() throws Exception {
        try (Connection db = Database.openReadOnly(BuiltFixture.data())) {
            for (Element e : Element.values()) {
                List<double[]> expected = gradientClusters(db, e);
                XYZDataset d = ClusterMap.dataset(db, e);
                assertEquals(1, d.getSeriesCount());
                assertTrue(expected.size() > 20, "a map of a few clusters tests little: " + expected.size());
                assertEquals(expected.size(), d.getItemCount(0), e.symbol());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), new double[] {d.getXValue(0, i), d.getYValue(0, i),
                        d.getZValue(0, i)}, 1e-9, e.symbol() + " cluster " + i);
                }
            }
        }
    }

    @Test
    void itDrawsAsPngAndSvgWithAColourScaleOverTheValues() throws Exception {
        try (Connection db = Database.openReadOnly(BuiltFixture.data())) {
            XYZDataset d = ClusterMap.dataset(db, Element.MG);
            JFreeChart chart = ClusterMap.chart(d, Element.MG);
            FigureFiles.assertPng(Figures.png(chart, 600, 500), "the map");
            FigureFiles.assertSvg(Figures.svg(chart, 600, 500).getBytes(StandardCharsets.UTF_8), "the map");
            double[] z = new double[d.getItemCount(0)];
            Arrays.setAll(z, i -> d.getZValue(0, i));
            Arrays.sort(z);
            var scale = ClusterMap.scale(z);
            assertTrue(scale.getLowerBound() <= z[z.length / 2] && z[z.length / 2] <= scale.getUpperBound());
            assertTrue(scale.getLowerBound() >= z[0] && scale.getUpperBound() <= z[z.length - 1], "percentiles");
        }
    }

    /** The table read whole and filtered here: in the gradient fits, with a position and a value; by name. */
    private static List<double[]> gradientClusters(Connection db, Element e) throws Exception {
        TreeMap<String, double[]> byName = new TreeMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT * FROM alpha.clusters")) {
            while (rs.next()) {
                double x = rs.getDouble("x");
                boolean hasX = !rs.wasNull();
                double y = rs.getDouble("y");
                boolean hasY = !rs.wasNull();
                double v = rs.getDouble(e.key() + "_fe_mean");
                if (rs.getInt("in_gradient") == 1 && hasX && hasY && !rs.wasNull()) {
                    byName.put(rs.getString("name"), new double[] {x / 1000, y / 1000, v});
                }
            }
        }
        return new ArrayList<>(byName.values());
    }
}
