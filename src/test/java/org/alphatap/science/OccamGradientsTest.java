package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alphatap.survey.ShippedTable;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCCAM rows the build publishes are the project's fits of the shipped table: its Model P
 * equals least squares computed here independently, from the CSV read line by line, to 1e-6.
 */
class OccamGradientsTest {
    private static final String[] COLUMNS = {"O_FE", "MG_FE", "SI_FE", "CA_FE", "TI_FE", "FE_H"};
    private static final String[] KEYS = {"o", "mg", "si", "ca", "ti", "fe"};
    private static final int[] N = {53, 77, 77, 77, 71, 77};

    @Test
    void modelPIsLeastSquaresOnTheShippedTable(@TempDir Path dir) throws Exception {
        List<Gradients.Row> rows = OccamGradients.fit(ShippedTable.occam(dir), 8.0, 1);
        for (int k = 0; k < COLUMNS.length; k++) {
            double[][] data = independentSelection(COLUMNS[k]);
            Gradients.Row p = row(rows, KEYS[k], GradientFit.Model.P);
            assertEquals(N[k], p.fit().n(), KEYS[k]);
            SimpleRegression line = new SimpleRegression();
            double[][] x = new double[data.length][2];
            double[] y = new double[data.length];
            for (int i = 0; i < data.length; i++) {
                line.addData(data[i][0], data[i][2]);
                x[i][0] = data[i][0] - 8.0;
                x[i][1] = data[i][1];
                y[i] = data[i][2];
            }
            assertEquals(line.getSlope(), p.fit().slope().mean(), 1e-6, KEYS[k] + " total slope");
            assertEquals(line.getIntercept(), p.fit().interceptZero().mean(), 1e-6, KEYS[k] + " intercept");
            if (p.joint() != null) {
                OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
                ols.newSampleData(y, x);
                double[] b = ols.estimateRegressionParameters();
                assertEquals(b[0], p.joint().interceptR0().mean(), 1e-6, KEYS[k] + " intercept at 8 kpc");
                assertEquals(b[1], p.joint().slope().mean(), 1e-6, KEYS[k] + " slope at fixed [Fe/H]");
                assertEquals(b[2], p.joint().feh().mean(), 1e-6, KEYS[k] + " [Fe/H] coefficient");
            }
            Gradients.Row h = row(rows, KEYS[k], GradientFit.Model.H);
            assertEquals(N[k], h.fit().n());
        }
    }

    private static Gradients.Row row(List<Gradients.Row> rows, String element, GradientFit.Model model) {
        return rows.stream().filter(r -> r.element().equals(element) && r.fit().model() == model).findFirst()
                .orElseThrow();
    }

    /** Rows of R_GC, [Fe/H], value: QUAL ≥ 1, 6 < R_GC_BAILER_JONES < 13.9, value, error and [Fe/H] present. */
    private static double[][] independentSelection(String column) throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(OccamGradientsTest.class.getResourceAsStream(
                "/org/alphatap/survey/occam_dr16_clusters.csv"), StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(in.readLine().split(",", -1));
            int qual = header.indexOf("QUAL");
            int rgc = header.indexOf("R_GC_BAILER_JONES");
            int feh = header.indexOf("FE_H");
            int val = header.indexOf(column);
            int err = header.indexOf(column + "_ERR");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f[qual].isEmpty() || Integer.parseInt(f[qual]) < 1 || f[rgc].isEmpty() || f[val].isEmpty()
                        || f[err].isEmpty() || f[feh].isEmpty()) {
                    continue;
                }
                double r = Double.parseDouble(f[rgc]);
                if (r > 6 && r < 13.9) {
                    rows.add(new double[] {r, Double.parseDouble(f[feh]), Double.parseDouble(f[val])});
                }
            }
        }
        return rows.toArray(double[][]::new);
    }
}
