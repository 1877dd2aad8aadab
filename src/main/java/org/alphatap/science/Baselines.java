package org.alphatap.science;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a model of (Teff, log g, [Fe/H]) must beat: the training median, and a running median of
 * [X/Fe] in [Fe/H] bins (science-notes §6.3). Without them an MAE says nothing of skill.
 */
public final class Baselines {
    static final double BIN_WIDTH = 0.1;

    private Baselines() {
    }

    /** The training median for every query. */
    public static float[] median(float[] trainLabels, int queries) {
        float[] out = new float[queries];
        Arrays.fill(out, (float) ClusterAbundance.median(toDouble(trainLabels)));
        return out;
    }

    /** The median label of the training [Fe/H] bin of each query (nearest filled bin when empty). */
    public static float[] runningMedian(float[] trainFeh, float[] trainLabels, float[] queryFeh) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float f : trainFeh) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        int bins = (int) Math.floor((hi - lo) / BIN_WIDTH) + 1;
        List<List<Double>> byBin = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            byBin.add(new ArrayList<>());
        }
        for (int i = 0; i < trainFeh.length; i++) {
            byBin.get(bin(trainFeh[i], lo, bins)).add((double) trainLabels[i]);
        }
        double[] medians = new double[bins];
        for (int b = 0; b < bins; b++) {
            medians[b] = byBin.get(b).isEmpty() ? Double.NaN
                    : ClusterAbundance.median(byBin.get(b).stream().mapToDouble(Double::doubleValue).toArray());
        }
        float[] out = new float[queryFeh.length];
        for (int i = 0; i < queryFeh.length; i++) {
            int b = bin(queryFeh[i], lo, bins);
            for (int d = 0; Double.isNaN(medians[b]); d++) {
                b = Math.max(0, Math.min(bins - 1, b + (d % 2 == 0 ? d + 1 : -(d + 1))));
            }
            out[i] = (float) medians[b];
        }
        return out;
    }

    private static int bin(double feh, double lo, int bins) {
        return Math.max(0, Math.min(bins - 1, (int) Math.floor((feh - lo) / BIN_WIDTH)));
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
