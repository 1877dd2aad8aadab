package org.alphatap.science;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check of predicted cluster values on cluster members that GALAH measured and training never
 * saw. For each gradient cluster with such members, d = mean(GALAH label − prediction) over them
 * is what the predictions miss for that cluster: what all its members share, which no number of
 * members averages away. Model H of d against R_GC gives
 *
 * <ul>
 * <li>its intrinsic scatter τ: the size of a cluster's shared model offset, measured, not assumed;
 * a cluster value's total error is its standard error and τ in quadrature;</li>
 * <li>its slope: the radial trend of what the predictions miss. Added to the slope of the
 * predicted values it corrects the gradient, the way prediction-powered inference (Angelopoulos
 * et al. 2023, Science 382, 669) corrects an estimate made from predictions with a small labelled
 * sample: the correction's uncertainty comes with it, so the interval holds however wrong the
 * model is, and is as narrow as the model is good.</li>
 * </ul>
 *
 * The labels' noise (GALAH's e_[x]_fe over √n) is each d's known error; the GALAH labels here are
 * not cut to the training range, which the predictions undo.
 */
public final class HeldOutCheck {
    /** Fewer clusters than this give no check. */
    public static final int MIN_CLUSTERS = 5;

    /**
     * @param bias Model H of d against R_GC: its slope is the correction, its scatter τ
     */
    public record Result(int clusters, int stars, GradientFit.Result bias) {
        public double tau() {
            return bias.scatter().mean();
        }
    }

    private HeldOutCheck() {
    }

    /**
     * @param heldOut  the held-out members' rows of one element (labels, errors, LAMOST rows)
     * @param clusters one family's cluster values; only clusters in the gradient sample are used,
     *                 and only held-out stars among their used members
     * @return the check, or null when fewer than {@link #MIN_CLUSTERS} clusters have held-out members
     */
    public static Result measure(org.alphatap.survey.Element e, TrainingSample.ElementData heldOut,
            List<ClusterAnalysis.Cluster> clusters, Predictions predictions, double r0, long seed) {
        Map<ClusterAnalysis.Cluster, List<Integer>> found = byCluster(e, heldOut, clusters, predictions);
        if (found.size() < MIN_CLUSTERS) {
            return null;
        }
        Values d = values(found, heldOut, i -> heldOut.labels()[i] - predictions.value(e, heldOut.lamostRows()[i]));
        return new Result(found.size(), d.stars(), GradientFit.hierarchical(d.r(), d.y(), d.s(), r0,
                GradientFit.HSettings.defaults(seed)));
    }

    /**
     * Per cluster with held-out members: R_GC, the cluster's [Fe/H], the mean of {@code value} over
     * those members and its error from their labels' errors.
     */
    public record Values(double[] r, double[] feh, double[] y, double[] s, int stars) {
    }

    /** The held-out clusters' GALAH values themselves: the mean label of their held-out members. */
    public static Values labels(org.alphatap.survey.Element e, TrainingSample.ElementData heldOut,
            List<ClusterAnalysis.Cluster> clusters, Predictions predictions) {
        return values(byCluster(e, heldOut, clusters, predictions), heldOut, i -> heldOut.labels()[i]);
    }

    /** Held-out stars (indices into {@code heldOut}) by gradient cluster, among its used members, with a prediction. */
    private static Map<ClusterAnalysis.Cluster, List<Integer>> byCluster(org.alphatap.survey.Element e,
            TrainingSample.ElementData heldOut, List<ClusterAnalysis.Cluster> clusters, Predictions predictions) {
        Map<Integer, ClusterAnalysis.Cluster> byRow = new HashMap<>();
        for (ClusterAnalysis.Cluster c : clusters) {
            if (c.inGradient()) {
                for (ClusterMembers.Member m : c.members()) {
                    byRow.put(m.lamostRow(), c);
                }
            }
        }
        Map<ClusterAnalysis.Cluster, List<Integer>> found = new LinkedHashMap<>();
        for (int i = 0; i < heldOut.size(); i++) {
            ClusterAnalysis.Cluster c = byRow.get(heldOut.lamostRows()[i]);
            float p = predictions.value(e, heldOut.lamostRows()[i]);
            if (c != null && !Float.isNaN(p) && !Float.isNaN(heldOut.labelErrors()[i])) {
                found.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
            }
        }
        return found;
    }

    private static Values values(Map<ClusterAnalysis.Cluster, List<Integer>> found, TrainingSample.ElementData heldOut,
            java.util.function.IntToDoubleFunction value) {
        int n = found.size();
        double[] r = new double[n];
        double[] feh = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        int k = 0;
        int stars = 0;
        for (Map.Entry<ClusterAnalysis.Cluster, List<Integer>> entry : found.entrySet()) {
            double sum = 0;
            double var = 0;
            for (int i : entry.getValue()) {
                sum += value.applyAsDouble(i);
                var += heldOut.labelErrors()[i] * heldOut.labelErrors()[i];
            }
            int m = entry.getValue().size();
            r[k] = entry.getKey().rgcKpc();
            feh[k] = entry.getKey().fehMean();
            y[k] = sum / m;
            s[k] = Math.sqrt(var) / m;
            stars += m;
            k++;
        }
        return new Values(r, feh, y, s, stars);
    }
}
