package org.alphatap.science;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How the trees' three quantiles become a star's abundance and σ: the model's linear [Fe/H]
 * trend is added back, then the label-range cut is undone.
 *
 * <p><b>Trend.</b> The boosted trees learn the residuals of a least-squares line of the labels on
 * LAMOST [Fe/H], not the labels. Trees approximate a slope by steps and shrink every step, so on
 * their own they flatten the [X/Fe]–[Fe/H] trend by 5–10% where the training stars are few (the
 * giants that dominate distant clusters), and the radial gradients with it; a trend that is in the
 * line is not theirs to shrink. Outside the training [Fe/H] range the line is held at its end
 * value, as the trees are: the model does not extrapolate.
 *
 * <p><b>Range cut.</b> Training keeps only labels inside [labelMin, labelMax] (the paper's
 * [−0.5, 0.5], Ca [−0.1, 0.35]), so the trees learn the quantiles of a truncated distribution.
 * Where a star's predicted distribution reaches a bound, its median is pulled away from it: for Ca
 * at supersolar [Fe/H] the lower tail is cut, and the trend flattens by a tenth. Taking the
 * scatter about the model as Gaussian, the distance of the median from the bound in units of the
 * 16–84 spread fixes how deep the cut reaches into the parent distribution ({@code α}, in σ), and
 * with it the parent's median and σ. Far from both bounds the readout is the plain one: the median,
 * and half the 16–84 range. When both bounds are near (a σ comparable with the range) only the
 * nearer is undone.
 *
 * @param trendIntercept the line's [X/Fe] at [Fe/H] = 0, dex
 * @param trendSlope     d[X/Fe]/d[Fe/H] of the line
 * @param fehMin         lowest training [Fe/H]: below it the line is held constant
 * @param fehMax         highest training [Fe/H]
 * @param labelMin       lower bound of the training labels (−∞ for none)
 * @param labelMax       upper bound of the training labels (+∞ for none)
 */
public record QuantileReadout(double trendIntercept, double trendSlope, double fehMin, double fehMax,
        double labelMin, double labelMax) {

    /** Cut depths tabulated, in σ of the parent from its mean to the bound: from negligible ... */
    private static final double ALPHA_MIN = -6.0;
    /**
     * ... to the deepest cut undone: the bound half a σ past the parent's mean, 69% of it cut away.
     * Deeper cuts cannot be told from three quantiles learnt from the few stars left there (at the
     * edge of the training [Fe/H] range they sent Ca to −0.42); the readout holds them at this depth.
     */
    private static final double ALPHA_MAX = 0.5;
    private static final int STEPS = 650;
    /** Per α: (median − bound)/(q84 − q16), the standardised median, the 16–84 spread. */
    private static final double[] RATIO = new double[STEPS + 1];
    private static final double[] MEDIAN = new double[STEPS + 1];
    private static final double[] SPREAD = new double[STEPS + 1];

    static {
        NormalDistribution n = new NormalDistribution(null, 0, 1);
        for (int k = 0; k <= STEPS; k++) {
            double alpha = ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * k / STEPS;
            double tail = n.cumulativeProbability(-alpha); // the parent's mass above the bound
            double z16 = -n.inverseCumulativeProbability(0.84 * tail);
            double z50 = -n.inverseCumulativeProbability(0.50 * tail);
            double z84 = -n.inverseCumulativeProbability(0.16 * tail);
            MEDIAN[k] = z50;
            SPREAD[k] = z84 - z16;
            RATIO[k] = (z50 - alpha) / (z84 - z16);
        }
    }

    /**
     * The least-squares line of {@code labels} on the [Fe/H] of {@code features} (rows of
     * {@code width} features, [Fe/H] at {@link ModelFamily#FEH}), with the label bounds the training
     * sample was cut to.
     */
    public static QuantileReadout fit(float[] features, int width, float[] labels, double labelMin, double labelMax) {
        int n = labels.length;
        double mx = 0;
        double my = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = features[width * i + ModelFamily.FEH];
            mx += x;
            my += labels[i];
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = features[width * i + ModelFamily.FEH] - mx;
            sxy += dx * (labels[i] - my);
            sxx += dx * dx;
        }
        double slope = sxx > 0 ? sxy / sxx : 0.0;
        return new QuantileReadout(my - slope * mx, slope, lo, hi, labelMin, labelMax);
    }

    /** Writes the readout's numbers, in the order {@link #read(ByteBuffer)} takes them. */
    void write(DataOutput out) throws IOException {
        for (double v : new double[] {trendIntercept, trendSlope, fehMin, fehMax, labelMin, labelMax}) {
            out.writeDouble(v);
        }
    }

    /** A readout as {@link #write} wrote it, from the buffer's position on. */
    static QuantileReadout read(ByteBuffer in) {
        return new QuantileReadout(in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(),
                in.getDouble());
    }

    /** The line at a star's [Fe/H]. */
    public double trend(double feh) {
        return trendIntercept + trendSlope * Math.max(fehMin, Math.min(fehMax, feh));
    }

    /** What the trees are trained on: the labels less the line. */
    public float[] residuals(float[] features, int width, float[] labels) {
        float[] r = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            r[i] = (float) (labels[i] - trend(features[width * i + ModelFamily.FEH]));
        }
        return r;
    }

    /**
     * Writes value and σ to {@code value[r]}, {@code sigma[r]} from the trees' sorted quantiles of
     * the residual at a star of [Fe/H] {@code feh}.
     */
    public void read(float q16, float q50, float q84, float feh, float[] value, float[] sigma, int r) {
        double t = trend(feh);
        double median = q50 + t;
        double spread = (double) q84 - q16;
        if (!(spread > 0)) {
            value[r] = (float) median;
            sigma[r] = (float) (spread / 2);
            return;
        }
        double below = (median - labelMin) / spread;
        double above = (labelMax - median) / spread;
        boolean lower = below <= above;
        double k = depth(lower ? below : above);
        double z50 = at(MEDIAN, k);
        double width = at(SPREAD, k);
        double s = spread / width;
        // The cut distribution's median lies z50 σ from the parent's, away from the bound.
        value[r] = (float) (lower ? median - s * z50 : median + s * z50);
        sigma[r] = (float) (spread / 2 * SPREAD[0] / width);
    }

    /** Where {@code ratio} falls in the table, as a fractional row; row 0 is "no cut". */
    private static double depth(double ratio) {
        if (!(ratio < RATIO[0])) {
            return 0;
        }
        if (ratio <= RATIO[STEPS]) {
            return STEPS;
        }
        int lo = 0;
        int hi = STEPS; // RATIO falls with the row: RATIO[lo] > ratio >= RATIO[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (RATIO[mid] > ratio) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + (RATIO[lo] - ratio) / (RATIO[lo] - RATIO[hi]);
    }

    private static double at(double[] table, double k) {
        int i = (int) k;
        return i == STEPS ? table[STEPS] : table[i] + (k - i) * (table[i + 1] - table[i]);
    }
}
