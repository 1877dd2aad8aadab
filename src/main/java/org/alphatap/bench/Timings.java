package org.alphatap.bench;

import java.util.Arrays;

/** Latencies of repeated requests, in milliseconds: median, 95th and 99th percentiles, mean. */
record Timings(int n, double medianMs, double p95Ms, double p99Ms, double meanMs) {
    static Timings of(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return new Timings(s.length, quantile(s, 0.5), quantile(s, 0.95), quantile(s, 0.99),
                Arrays.stream(s).average().orElse(Double.NaN));
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
