package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;
import org.alphatap.survey.Element;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The radial gradients of the cluster abundances, per element and model (P and H), plus the
 * [Fe/H] gradient itself, and the echo diagnostic: a joint least-squares fit of the cluster value
 * on R_GC and the cluster's [Fe/H]. For a labels-only model the R_GC coefficient at fixed [Fe/H]
 * (the partial slope) should be near zero: its gradient is the [Fe/H] gradient seen through the
 * [X/Fe]–[Fe/H] trend (science-notes §6.2).
 */
public final class Gradients {
    /** Key of the [Fe/H] row. */
    public static final String IRON = "fe";

    /**
     * One fitted relation; {@code partial} is the echo fit (null for the [Fe/H] row);
     * {@code modelSd} the slope's spread over bootstrap models (NaN until added, and for [Fe/H]).
     */
    public record Row(String element, GradientFit.Result fit, Echo partial, double modelSd) {
        Row(String element, GradientFit.Result fit, Echo partial) {
            this(element, fit, partial, Double.NaN);
        }

        /** The slope's total sd: the posterior's and the model's, in quadrature. */
        public double totalSd() {
            double m = Double.isNaN(modelSd) ? 0 : modelSd;
            return Math.sqrt(fit.slope().sd() * fit.slope().sd() + m * m);
        }

        /** The 95% interval of the slope with the model's uncertainty added (Gaussian). */
        public double[] total95() {
            double half = 1.959964 * totalSd();
            return new double[] {fit.slope().mean() - half, fit.slope().mean() + half};
        }

        public Row withModelSd(double sd) {
            return new Row(element, fit, partial, sd);
        }

        public Row withCounterfactuals(double giant, double dwarf) {
            return new Row(element, fit, partial == null ? null : partial.withCounterfactuals(giant, dwarf), modelSd);
        }
    }

    /**
     * Joint fit y = c + p·(R − R0) + f·[Fe/H]: the partial slope p and the [Fe/H] coefficient f; and
     * the least-squares gradient with every member given a reference giant's or dwarf's Teff and log g.
     */
    public record Echo(double partialSlope, double partialSlopeErr, double fehCoefficient, double fehCoefficientErr,
            double giantSlope, double dwarfSlope) {
        Echo withCounterfactuals(double giant, double dwarf) {
            return new Echo(partialSlope, partialSlopeErr, fehCoefficient, fehCoefficientErr, giant, dwarf);
        }
    }

    /** Reference stars of the counterfactual test (science-notes §6.2b): a red-clump giant and a solar dwarf. */
    public static final double[] GIANT = {4800, 2.5};
    public static final double[] DWARF = {5800, 4.3};

    private Gradients() {
    }

    public static List<Row> fit(List<ClusterAnalysis.Cluster> clusters, double r0, long seed) {
        List<ClusterAnalysis.Cluster> in = clusters.stream().filter(ClusterAnalysis.Cluster::inGradient).toList();
        double[] r = in.stream().mapToDouble(ClusterAnalysis.Cluster::rgcKpc).toArray();
        double[] feh = in.stream().mapToDouble(ClusterAnalysis.Cluster::fehMean).toArray();
        List<Row> rows = new ArrayList<>();
        for (Element e : Element.values()) {
            double[] y = in.stream().mapToDouble(c -> c.paper()[e.ordinal()].mean()).toArray();
            double[] s = in.stream().mapToDouble(c -> c.paper()[e.ordinal()].se()).toArray();
            Echo echo = echo(r, feh, y, r0);
            rows.add(new Row(e.key(), GradientFit.conjugate(r, y, r0), echo));
            rows.add(new Row(e.key(), GradientFit.hierarchical(r, y, s, r0,
                    GradientFit.HSettings.defaults(seed + e.ordinal())), echo));
        }
        double[] fehErr = in.stream().mapToDouble(c -> Math.max(0.01, c.fehStd() / Math.sqrt(c.members().size())))
                .toArray();
        rows.add(new Row(IRON, GradientFit.conjugate(r, feh, r0), null));
        rows.add(new Row(IRON, GradientFit.hierarchical(r, feh, fehErr, r0, GradientFit.HSettings.defaults(seed + 99)),
                null));
        return rows;
    }

    static Echo echo(double[] r, double[] feh, double[] y, double r0) {
        double[][] x = new double[r.length][2];
        for (int i = 0; i < r.length; i++) {
            x[i][0] = r[i] - r0;
            x[i][1] = feh[i];
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] b = ols.estimateRegressionParameters();
        double[] se = ols.estimateRegressionParametersStandardErrors();
        return new Echo(b[1], se[1], b[2], se[2], Double.NaN, Double.NaN);
    }
}
