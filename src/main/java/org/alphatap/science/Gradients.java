package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alphatap.survey.Element;

/**
 * The radial gradients of cluster abundances, per sample of cluster values, element and model (P
 * and H), plus the [Fe/H] gradient itself. Each row holds two fits of the same values: the line
 * against R_GC, whose slope is the total radial change of the values (what the paper's Table 2
 * reports), and a joint fit on R_GC and the cluster's [Fe/H], whose R_GC coefficient is the
 * radial change at fixed [Fe/H]. For cluster values predicted by a model of Teff, log g and [Fe/H]
 * that coefficient should be near zero: the gradient is the [Fe/H] gradient seen through the
 * model's [X/Fe]–[Fe/H] trend (science-notes §6.2). Real clusters (OCCAM) show it is not zero.
 */
public final class Gradients {
    /** Key of the [Fe/H] row. */
    public static final String IRON = "fe";

    /** Whose cluster values a row fits. */
    public enum Sample {
        /** LAMOST cluster members predicted by the paper's models (Teff, log g, [Fe/H]). */
        PAPER_MODEL(ModelFamily.PAPER),
        /** LAMOST cluster members predicted by the [α/M] models (the paper's where [α/M] is missing). */
        ALPHA_M_MODEL(ModelFamily.ALPHA_M),
        /**
         * The gradient clusters with held-out members, as GALAH measured them: the mean label of
         * those members. Few clusters, few stars each, but measured, on the training labels' scale.
         */
        GALAH_MEMBERS(null),
        /** The OCCAM APOGEE DR16 clusters (Donor et al. 2020): measured, not predicted. */
        OCCAM_DR16(null);

        private final ModelFamily family;

        Sample(ModelFamily family) {
            this.family = family;
        }

        /** The model family whose predictions the sample's values are, or null for measured values. */
        public ModelFamily family() {
            return family;
        }

        public static Sample of(ModelFamily family) {
            return family == ModelFamily.PAPER ? PAPER_MODEL : ALPHA_M_MODEL;
        }

        /** The name in the tables: "paper_model", "alpha_m_model", "galah_members", "occam_dr16". */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One fitted relation.
     *
     * @param joint      the fit on R_GC and [Fe/H] together (null for the [Fe/H] row)
     * @param modelSd    the slope's spread over bootstrap models (NaN until added, for [Fe/H] and measured samples)
     * @param giantSlope least-squares gradient with every member given a reference giant's Teff and log g (NaN if none)
     * @param heldOut    the check on held-out cluster members, and the correction it gives (null if none)
     */
    public record Row(Sample sample, String element, GradientFit.Result fit, GradientFit.Joint joint, double modelSd,
            double giantSlope, double dwarfSlope, HeldOutCheck.Result heldOut) {

        /** The slope's sd with the model's added in quadrature. */
        public double totalSd() {
            double m = Double.isNaN(modelSd) ? 0 : modelSd;
            return Math.sqrt(fit.slope().sd() * fit.slope().sd() + m * m);
        }

        /** The 95% interval of the slope with the model's uncertainty added (Gaussian). */
        public double[] total95() {
            double half = 1.959964 * totalSd();
            return new double[] {fit.slope().mean() - half, fit.slope().mean() + half};
        }

        /**
         * The slope corrected by the held-out check (prediction-powered: the slope of the predicted
         * values plus the slope of what the predictions miss on clusters with held-out GALAH
         * members) with its sd (posterior, model and check in quadrature); null without a check.
         */
        public Posterior corrected() {
            if (heldOut == null) {
                return null;
            }
            Posterior bias = heldOut.bias().slope();
            double mean = fit.slope().mean() + bias.mean();
            double sd = Math.sqrt(totalSd() * totalSd() + bias.sd() * bias.sd());
            return Posterior.symmetric(mean, sd, 1.959964 * sd);
        }

        public Row withModelSd(double sd) {
            return new Row(sample, element, fit, joint, sd, giantSlope, dwarfSlope, heldOut);
        }

        public Row withCounterfactuals(double giant, double dwarf) {
            return new Row(sample, element, fit, joint, modelSd, giant, dwarf, heldOut);
        }

        public Row withHeldOut(HeldOutCheck.Result check) {
            return new Row(sample, element, fit, joint, modelSd, giantSlope, dwarfSlope, check);
        }
    }

    /** Reference stars of the counterfactual test (science-notes §6.2b): a red-clump giant and a solar dwarf. */
    public static final double[] GIANT = {4800, 2.5};
    public static final double[] DWARF = {5800, 4.3};

    private Gradients() {
    }

    /** The rows of one family's predicted cluster values: the clusters in the gradient sample, paper-mode means. */
    public static List<Row> fit(Sample sample, List<ClusterAnalysis.Cluster> clusters, double r0, long seed) {
        List<ClusterAnalysis.Cluster> in = clusters.stream().filter(ClusterAnalysis.Cluster::inGradient).toList();
        double[] r = in.stream().mapToDouble(ClusterAnalysis.Cluster::rgcKpc).toArray();
        double[] feh = in.stream().mapToDouble(ClusterAnalysis.Cluster::fehMean).toArray();
        List<Row> rows = new ArrayList<>();
        for (Element e : Element.values()) {
            double[] y = in.stream().mapToDouble(c -> c.paper()[e.ordinal()].mean()).toArray();
            double[] s = in.stream().mapToDouble(c -> c.paper()[e.ordinal()].se()).toArray();
            rows.addAll(rows(sample, e.key(), r, feh, y, s, r0, seed + e.ordinal()));
        }
        double[] fehErr = in.stream().mapToDouble(c -> Math.max(0.01, c.fehStd() / Math.sqrt(c.members().size())))
                .toArray();
        rows.addAll(rows(sample, IRON, r, null, feh, fehErr, r0, seed + 99));
        return rows;
    }

    /**
     * Model P and Model H rows of one relation: y with errors s against R (kpc), and, when
     * {@code feh} is given, jointly on R and [Fe/H].
     */
    public static List<Row> rows(Sample sample, String element, double[] r, double[] feh, double[] y, double[] s,
            double r0, long seed) {
        GradientFit.HSettings h = GradientFit.HSettings.defaults(seed);
        GradientFit.Joint p = feh == null ? null : GradientFit.conjugateJoint(r, feh, y, r0);
        GradientFit.Joint hj = feh == null ? null : GradientFit.hierarchicalJoint(r, feh, y, s, r0, h);
        return List.of(new Row(sample, element, GradientFit.conjugate(r, y, r0), p, Double.NaN, Double.NaN, Double.NaN,
                null), new Row(sample, element, GradientFit.hierarchical(r, y, s, r0, h), hj, Double.NaN, Double.NaN,
                Double.NaN, null));
    }
}
