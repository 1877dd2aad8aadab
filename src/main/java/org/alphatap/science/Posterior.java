package org.alphatap.science;

import java.util.Arrays;

/** Summary of one posterior quantity: mean, sd, median and the equal-tailed 95% interval. */
public record Posterior(double mean, double sd, double median, double lo95, double hi95) {

    /** From draws (sorted in place). */
    public static Posterior ofDraws(double[] draws) {
        Arrays.sort(draws);
        double mean = 0;
        for (double d : draws) {
            mean += d;
        }
        mean /= draws.length;
        double ss = 0;
        for (double d : draws) {
            ss += (d - mean) * (d - mean);
        }
        return new Posterior(mean, Math.sqrt(ss / (draws.length - 1)), quantile(draws, 0.5), quantile(draws, 0.025),
                quantile(draws, 0.975));
    }

    /** A symmetric posterior: mean = median, interval mean ± half-width. */
    public static Posterior symmetric(double mean, double sd, double halfWidth95) {
        return new Posterior(mean, sd, mean, mean - halfWidth95, mean + halfWidth95);
    }

    /** Linear-interpolation quantile of sorted values (type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public boolean contains(double v) {
        return v >= lo95 && v <= hi95;
    }
}
