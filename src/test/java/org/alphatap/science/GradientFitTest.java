package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/**
 * Tests T1–T4 of science-notes §4.5. T2–T4 run on the real OCCAM DR16 cluster table (Donor et al.
 * 2020; the table shipped as org/alphatap/survey/occam_dr16_clusters.csv) against the reference numbers of §3.3.
 */
class GradientFitTest {
    /** Per element: OLS slope, se; WLS slope, sd; Model H mean, sd, lo95, hi95, ε; a(R0 = 8). */
    private static final String[] ELEMENTS = {"FE_H", "O_FE", "MG_FE", "SI_FE", "CA_FE", "TI_FE"};
    private static final int[] N = {77, 53, 77, 77, 77, 71};
    private static final double[][] OLS = {{-0.0674, 0.0064}, {0.0167, 0.0036}, {0.0076, 0.0039},
        {0.0047, 0.0032}, {0.0124, 0.0026}, {0.0059, 0.0032}};
    private static final double[][] WLS = {{-0.0697, 0.0009}, {0.0067, 0.0012}, {0.0106, 0.0010},
        {0.0033, 0.0009}, {0.0168, 0.0012}, {0.0072, 0.0017}};
    private static final double[][] MODEL_H = {{-0.0679, 0.0064, -0.0804, -0.0552, 0.095},
        {0.0129, 0.0035, 0.0060, 0.0200, 0.039}, {0.0077, 0.0031, 0.0015, 0.0137, 0.041},
        {0.0037, 0.0022, -0.0007, 0.0081, 0.027}, {0.0142, 0.0031, 0.0082, 0.0202, 0.038},
        {0.0023, 0.0033, -0.0043, 0.0086, 0.034}};

    /** The five [X/Fe] of the joint fits on R and [Fe/H]. */
    private static final String[] ALPHA = {"O_FE", "MG_FE", "SI_FE", "CA_FE", "TI_FE"};

    /** {@code feh} is the cluster's [Fe/H], NaN where the table has none. */
    private record Anchor(double[] r, double[] y, double[] s, double[] feh) {
        /** The clusters with an [Fe/H], for the joint fits. */
        Anchor withFeh() {
            int[] k = IntStream.range(0, r.length).filter(i -> !Double.isNaN(feh[i])).toArray();
            return new Anchor(pick(r, k), pick(y, k), pick(s, k), pick(feh, k));
        }

        private static double[] pick(double[] v, int[] k) {
            return Arrays.stream(k).mapToDouble(i -> v[i]).toArray();
        }
    }

    /** QUAL ≥ 1, 6 < R_GC_BAILER_JONES < 13.9, finite value and error. */
    private static Anchor occam(String column) throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GradientFitTest.class.getResourceAsStream("/org/alphatap/survey/occam_dr16_clusters.csv"), StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(in.readLine().split(",", -1));
            int qual = header.indexOf("QUAL");
            int rgc = header.indexOf("R_GC_BAILER_JONES");
            int val = header.indexOf(column);
            int err = header.indexOf(column + "_ERR");
            int feh = header.indexOf("FE_H");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f[qual].isEmpty() || Integer.parseInt(f[qual]) < 1 || f[rgc].isEmpty() || f[val].isEmpty()
                        || f[err].isEmpty()) {
                    continue;
                }
                double r = Double.parseDouble(f[rgc]);
                if (r > 6 && r < 13.9) {
                    rows.add(new double[] {r, Double.parseDouble(f[val]), Double.parseDouble(f[err]),
                        f[feh].isEmpty() ? Double.NaN : Double.parseDouble(f[feh])});
                }
            }
        }
        return new Anchor(rows.stream().mapToDouble(a -> a[0]).toArray(), rows.stream().mapToDouble(a -> a[1]).toArray(),
                rows.stream().mapToDouble(a -> a[2]).toArray(), rows.stream().mapToDouble(a -> a[3]).toArray());
    }

    @Test
    void t2ModelPWithVaguePriorsIsOrdinaryLeastSquaresOnOccam() throws Exception {
        for (int e = 0; e < ELEMENTS.length; e++) {
            Anchor a = occam(ELEMENTS[e]);
            assertEquals(N[e], a.r().length, ELEMENTS[e]);
            GradientFit.Result p = GradientFit.conjugate(a.r(), a.y(), 8.0);
            assertEquals(OLS[e][0], p.slope().mean(), 1e-4, ELEMENTS[e]);
            // The reference se is printed to 2 significant figures; the exact identity is checked below.
            assertEquals(OLS[e][1], p.slope().sd(), 0.00006, ELEMENTS[e]);
            SimpleRegression ols = new SimpleRegression();
            for (int i = 0; i < a.r().length; i++) {
                ols.addData(a.r()[i], a.y()[i]);
            }
            assertEquals(ols.getSlope(), p.slope().mean(), 1e-9);
            assertEquals(ols.getSlopeStdErr(), p.slope().sd(), 0.01 * ols.getSlopeStdErr(), "marginal sd to 1%");
            assertEquals(ols.getIntercept(), p.interceptZero().mean(), 1e-8);
        }
    }

    @Test
    void t3ModelHWithFlatPriorsReproducesTheReferencePosteriorOnOccam() throws Exception {
        for (int e = 0; e < ELEMENTS.length; e++) {
            Anchor a = occam(ELEMENTS[e]);
            GradientFit.Result h = GradientFit.hierarchical(a.r(), a.y(), a.s(), 8.0,
                    GradientFit.HSettings.defaults(1));
            assertEquals(MODEL_H[e][0], h.slope().mean(), 0.0005, ELEMENTS[e] + " slope");
            assertEquals(MODEL_H[e][1], h.slope().sd(), 0.0005, ELEMENTS[e] + " slope sd");
            assertEquals(MODEL_H[e][2], h.slope().lo95(), 0.001, ELEMENTS[e] + " lo95");
            assertEquals(MODEL_H[e][3], h.slope().hi95(), 0.001, ELEMENTS[e] + " hi95");
            assertEquals(MODEL_H[e][4], h.scatter().mean(), 0.005, ELEMENTS[e] + " scatter");
        }
    }

    @Test
    void t4ScatterFixedAtZeroIsWeightedLeastSquaresOnOccam() throws Exception {
        for (int e = 0; e < ELEMENTS.length; e++) {
            Anchor a = occam(ELEMENTS[e]);
            GradientFit.Result w = GradientFit.fixedScatter(a.r(), a.y(), a.s(), 0.0, 8.0);
            assertEquals(WLS[e][0], w.slope().mean(), 1e-4, ELEMENTS[e]);
            assertEquals(WLS[e][1], w.slope().sd(), 0.00006, ELEMENTS[e]);
        }
    }

    @Test
    void t1ModelHIntervalsCoverTheTrueSlopeNinetyFivePercentOfTheTime() {
        Well19937c rng = new Well19937c(2025);
        int replicates = 200;
        int covered = 0;
        double trueSlope = 0.010;
        for (int rep = 0; rep < replicates; rep++) {
            int n = 760;
            double[] r = new double[n];
            double[] y = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = 6 + 8 * rng.nextDouble();
                s[i] = 0.02;
                y[i] = -0.05 + trueSlope * r[i] + Math.sqrt(0.03 * 0.03 + 0.02 * 0.02) * rng.nextGaussian();
            }
            GradientFit.Result h = GradientFit.hierarchical(r, y, s, 8.0,
                    new GradientFit.HSettings(300, 0.3, 4000, rep, 0, Double.POSITIVE_INFINITY));
            covered += h.slope().contains(trueSlope) ? 1 : 0;
        }
        double coverage = (double) covered / replicates;
        assertTrue(Math.abs(coverage - 0.95) <= 0.03, "coverage " + coverage);
    }

    @Test
    void theSameSeedGivesTheSameDraws() throws Exception {
        Anchor a = occam("O_FE");
        GradientFit.Result x = GradientFit.hierarchical(a.r(), a.y(), a.s(), 8.0, GradientFit.HSettings.defaults(5));
        GradientFit.Result y = GradientFit.hierarchical(a.r(), a.y(), a.s(), 8.0, GradientFit.HSettings.defaults(5));
        assertEquals(x, y);
    }

    /** Columns R − R0 and [Fe/H], without the intercept. */
    private static double[][] covariates(Anchor a, double r0) {
        double[][] x = new double[a.r().length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {a.r()[i] - r0, a.feh()[i]};
        }
        return x;
    }

    @Test
    void jointModelPIsOrdinaryLeastSquaresOnOccam() throws Exception {
        for (String element : ALPHA) {
            Anchor a = occam(element).withFeh();
            GradientFit.Joint p = GradientFit.conjugateJoint(a.r(), a.feh(), a.y(), 8.0);
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(a.y(), covariates(a, 8.0));
            double[] b = ols.estimateRegressionParameters();
            double[] se = ols.estimateRegressionParametersStandardErrors();
            assertEquals(b[0], p.interceptR0().mean(), 1e-6, element + " intercept");
            assertEquals(b[1], p.slope().mean(), 1e-6, element + " slope");
            assertEquals(b[2], p.feh().mean(), 1e-6, element + " [Fe/H] coefficient");
            // The vague NIG posterior has ν = N, not N − 3: its sd is the OLS se × √((N − 3)/(N − 2)), up to
            // the 10⁻⁶ prior precision, which the weakly constrained [Fe/H] column feels at ~10⁻⁵.
            int n = a.r().length;
            double nuRatio = Math.sqrt((n - 3.0) / (n - 2.0));
            assertEquals(se[1] * nuRatio, p.slope().sd(), 1e-4 * se[1], element + " slope sd");
            assertEquals(se[2] * nuRatio, p.feh().sd(), 1e-4 * se[2], element + " [Fe/H] coefficient sd");
        }
    }

    @Test
    void jointScatterFixedAtZeroIsWeightedLeastSquaresOnOccam() throws Exception {
        for (String element : ALPHA) {
            Anchor a = occam(element).withFeh();
            GradientFit.Joint w = GradientFit.fixedScatterJoint(a.r(), a.feh(), a.y(), a.s(), 0.0, 8.0);
            // WLS as OLS of the rows divided by s_c, the intercept column among them.
            double[][] x = covariates(a, 8.0);
            double[][] xw = new double[x.length][];
            double[] yw = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = a.s()[i];
                xw[i] = new double[] {1 / s, x[i][0] / s, x[i][1] / s};
                yw[i] = a.y()[i] / s;
            }
            OLSMultipleLinearRegression wls = new OLSMultipleLinearRegression();
            wls.setNoIntercept(true);
            wls.newSampleData(yw, xw);
            double[] b = wls.estimateRegressionParameters();
            RealMatrix cov = MatrixUtils.createRealMatrix(
                    wls.estimateRegressionParametersVariance()); // (XᵀWX)⁻¹, the known-variance posterior
            Posterior[] got = {w.interceptR0(), w.slope(), w.feh()};
            for (int j = 0; j < 3; j++) {
                assertEquals(b[j], got[j].mean(), 1e-9 * Math.abs(b[j]), element + " coefficient " + j);
                double sd = Math.sqrt(cov.getEntry(j, j));
                assertEquals(sd, got[j].sd(), 1e-9 * sd, element + " sd " + j);
            }
        }
    }

    @Test
    void jointModelHIntervalsCoverTheTrueSlopeAtFixedFehNinetyFivePercentOfTheTime() {
        Well19937c rng = new Well19937c(2026);
        int replicates = 200;
        int covered = 0;
        double trueSlope = 0.010;
        for (int rep = 0; rep < replicates; rep++) {
            int n = 760;
            double[] r = new double[n];
            double[] feh = new double[n];
            double[] y = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = 6 + 8 * rng.nextDouble();
                feh[i] = -0.065 * (r[i] - 8) + 0.1 * rng.nextGaussian();
                s[i] = 0.02;
                y[i] = -0.03 + trueSlope * (r[i] - 8) - 0.1 * feh[i]
                        + Math.sqrt(0.03 * 0.03 + 0.02 * 0.02) * rng.nextGaussian();
            }
            GradientFit.Joint h = GradientFit.hierarchicalJoint(r, feh, y, s, 8.0,
                    new GradientFit.HSettings(300, 0.3, 4000, rep, 0, Double.POSITIVE_INFINITY));
            covered += h.slope().contains(trueSlope) ? 1 : 0;
        }
        double coverage = (double) covered / replicates;
        assertTrue(Math.abs(coverage - 0.95) <= 0.035, "coverage " + coverage);
    }

    @Test
    void aSmallScatterIsResolvedByManyGridCells() {
        // On a fixed grid over (0, 0.3] (0.0006 per cell) this interval spanned about 6 cells.
        Well19937c rng = new Well19937c(7);
        int n = 700;
        double[] r = new double[n];
        double[] feh = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = 6 + 8 * rng.nextDouble();
            feh[i] = -0.065 * (r[i] - 8) + 0.1 * rng.nextGaussian();
            s[i] = 0.01;
            y[i] = 0.01 * (r[i] - 8) - 0.1 * feh[i] + Math.sqrt(0.004 * 0.004 + 0.01 * 0.01) * rng.nextGaussian();
        }
        GradientFit.Joint h = GradientFit.hierarchicalJoint(r, feh, y, s, 8.0, GradientFit.HSettings.defaults(3));
        Posterior eps = h.scatter();
        assertTrue(eps.contains(0.004), "scatter " + eps);
        double cells = (eps.hi95() - eps.lo95()) / h.scatterCell();
        assertTrue(cells >= 20, "95% interval " + eps + " spans " + cells + " cells of " + h.scatterCell());
    }
}
