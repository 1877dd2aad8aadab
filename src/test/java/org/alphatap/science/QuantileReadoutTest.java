package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.alphatap.survey.Element;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** The readout adds the [Fe/H] line back and undoes the label-range cut. */
class QuantileReadoutTest {
    private static final NormalDistribution N = new NormalDistribution(null, 0, 1);

    /** Quantile p of a Gaussian (mu, s) truncated to [lo, hi]. */
    private static float truncatedQuantile(double p, double mu, double s, double lo, double hi) {
        double a = N.cumulativeProbability((lo - mu) / s);
        double b = N.cumulativeProbability((hi - mu) / s);
        return (float) (mu + s * N.inverseCumulativeProbability(a + p * (b - a)));
    }

    private static float[] read(QuantileReadout r, float q16, float q50, float q84, float feh) {
        float[] value = new float[1];
        float[] sigma = new float[1];
        r.read(q16, q50, q84, feh, value, sigma, 0);
        return new float[] {value[0], sigma[0]};
    }

    @Test
    void farFromTheBoundsTheReadoutIsTheMedianAndHalfTheSpreadPlusTheLine() {
        QuantileReadout r = new QuantileReadout(0.05, -0.1, -1, 0.5, -0.5, 0.5);
        float[] got = read(r, -0.04f, 0.01f, 0.05f, 0.2f);
        assertEquals(0.01 + 0.05 - 0.1 * 0.2, got[0], 1e-7);
        assertEquals(0.045, got[1], 1e-7);
    }

    @Test
    void theLineIsHeldAtItsEndsOutsideTheTrainingRange() {
        QuantileReadout r = new QuantileReadout(0.0, -0.1, -1, 0.5, -0.5, 0.5);
        assertEquals(0.1, r.trend(-2.5), 1e-12);
        assertEquals(-0.05, r.trend(0.9), 1e-12);
    }

    @Test
    void recoversTheParentOfACutDistributionAtEitherBound() {
        double lo = -0.1;
        double hi = 0.35;
        QuantileReadout r = new QuantileReadout(0, 0, -1, 1, lo, hi);
        for (double mu : new double[] {-0.12, -0.08, -0.05, 0.0, 0.3, 0.36}) {
            double s = 0.045;
            float[] got = read(r, truncatedQuantile(0.16, mu, s, lo, hi), truncatedQuantile(0.5, mu, s, lo, hi),
                    truncatedQuantile(0.84, mu, s, lo, hi), 0f);
            assertEquals(mu, got[0], 2e-4, "parent median at mu = " + mu);
            assertEquals(s * 0.99446, got[1], 2e-4, "parent σ (half its 16–84 range) at mu = " + mu);
        }
    }

    @Test
    void aCutDeeperThanHalfASigmaPastTheMeanIsUndoneOnlyThatFar() {
        double lo = -0.1;
        QuantileReadout r = new QuantileReadout(0, 0, -1, 1, lo, 0.35);
        double mu = -0.2;
        double s = 0.045;
        float[] got = read(r, truncatedQuantile(0.16, mu, s, lo, 0.35), truncatedQuantile(0.5, mu, s, lo, 0.35),
                truncatedQuantile(0.84, mu, s, lo, 0.35), 0f);
        // The parent's mean is 2.2 σ below the bound; undone to half a σ, the value stays near it.
        assertTrue(got[0] < lo && got[0] > lo - 0.03, "held near the bound: " + got[0]);
    }

    /**
     * Labels with a known [Fe/H] trend, cut to Ca's range [−0.1, 0.35] as the paper cuts them: the
     * cut removes the low tail at high [Fe/H], which flattens the trend the trees see by about a
     * tenth. The model's predictions for one giant across [Fe/H] keep the parent's slope.
     */
    @Test
    void aModelTrainedOnRangeCutLabelsKeepsTheParentTrend() throws Exception {
        double slope = -0.123;
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 20_000;
        float[] x = new float[3 * n];
        float[] y = new float[n];
        int k = 0;
        while (k < n) {
            boolean giant = rnd.nextDouble() < 0.4;
            float feh = (float) Math.max(-1, Math.min(0.5, -0.15 + 0.25 * rnd.nextGaussian()));
            double label = -0.02 + slope * feh + 0.045 * rnd.nextGaussian();
            if (label < -0.1 || label > 0.35) {
                continue;
            }
            x[3 * k] = (float) (giant ? 4750 + 250 * rnd.nextGaussian() : 5750 + 500 * rnd.nextGaussian());
            x[3 * k + 1] = (float) (giant ? 2.5 + 0.3 * rnd.nextGaussian() : 4.4 + 0.15 * rnd.nextGaussian());
            x[3 * k + 2] = feh;
            y[k++] = (float) label;
        }
        AbundanceModel m = AbundanceModel.train(Element.CA, ModelFamily.PAPER, x, y, -0.1, 0.35,
                new AbundanceModel.HyperParameters(3, 0.3, 100, 5), 1, 2);
        int points = 31;
        float[] star = new float[3 * points];
        for (int i = 0; i < points; i++) {
            star[3 * i] = 4800;
            star[3 * i + 1] = 2.5f;
            star[3 * i + 2] = (float) (-0.4 + 0.02 * i);
        }
        float[] v = m.values(star, points);
        SimpleRegression fit = new SimpleRegression();
        for (int i = 0; i < points; i++) {
            fit.addData(star[3 * i + 2], v[i]);
        }
        m.dispose();
        assertEquals(slope, fit.getSlope(), 0.03 * -slope, "the giant's [Fe/H] trend, within 3% (the cut alone costs 5%)");
    }
}
