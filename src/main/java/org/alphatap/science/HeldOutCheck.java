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
    static final int MIN_CLUSTERS = 5;

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
        if (found.size() < MIN_CLUSTERS) {
            return null;
        }
        double[] r = new double[found.size()];
        double[] d = new double[found.size()];
        double[] s = new double[found.size()];
        int k = 0;
        int stars = 0;
        for (Map.Entry<ClusterAnalysis.Cluster, List<Integer>> entry : found.entrySet()) {
            double sum = 0;
            double var = 0;
            for (int i : entry.getValue()) {
                sum += heldOut.labels()[i] - predictions.value(e, heldOut.lamostRows()[i]);
                var += heldOut.labelErrors()[i] * heldOut.labelErrors()[i];
            }
            int n = entry.getValue().size();
            r[k] = entry.getKey().rgcKpc();
            d[k] = sum / n;
            s[k] = Math.sqrt(var) / n;
            stars += n;
            k++;
        }
        return new Result(found.size(), stars, GradientFit.hierarchical(r, d, s, r0, GradientFit.HSettings.defaults(seed)));
    }
}
