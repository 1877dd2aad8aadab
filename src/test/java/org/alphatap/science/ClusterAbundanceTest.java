package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ClusterAbundanceTest {
    @Test
    void t5EqualErrorsAndNoScatterGiveTheMeanAndSigmaOverRootN() {
        double[] y = {0.01, 0.05, -0.02, 0.03};
        double[] s = {0.04, 0.04, 0.04, 0.04};
        ClusterAbundance.Estimate e = ClusterAbundance.fixedScatter(y, s, 0.0);
        assertEquals(0.0175, e.mean(), 1e-12);
        assertEquals(0.04 / 2, e.se(), 1e-12);
        assertEquals(4, e.nUsed());
    }

    @Test
    void theMonteCarloOnlyAddsNoiseOfSigmaOverRootDraws() {
        double sigma = 0.091;
        int draws = 5000;
        double[] y = {0.12};
        for (int seed = 0; seed < 20; seed++) {
            ClusterAbundance.Estimate e = ClusterAbundance.paperMonteCarlo(y, sigma, draws, 2.0,
                    ClusterAbundance.ClipScale.MODEL_SIGMA, new Well19937c(seed));
            assertTrue(Math.abs(e.mean() - 0.12) < 4 * sigma / Math.sqrt(draws), "seed " + seed + ": " + e.mean());
            assertEquals(sigma, e.se(), 0.0, "one star: se is the model sigma");
        }
    }

    @Test
    void thePapersTwoSigmaRuleDropsTheOutlier() {
        double[] y = {0.00, 0.01, -0.01, 0.02, 0.40};
        ClusterAbundance.Estimate e = ClusterAbundance.paperMonteCarlo(y, 0.05, 5000, 2.0,
                ClusterAbundance.ClipScale.MODEL_SIGMA, new Well19937c(1));
        assertEquals(4, e.nUsed());
        assertEquals(0.005, e.mean(), 0.003);
    }

    @Test
    void inverseVarianceFindsTheIntrinsicScatterAndClipsOutliers() {
        Well19937c rng = new Well19937c(3);
        int n = 400;
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0.02 + 0.03 * rng.nextDouble();
            y[i] = 0.1 + Math.sqrt(s[i] * s[i] + 0.03 * 0.03) * rng.nextGaussian();
        }
        y[0] = 1.0; // a non-member
        ClusterAbundance.Estimate e = ClusterAbundance.inverseVariance(y, s, 3.0, 5);
        assertEquals(0.03, e.tau(), 0.008);
        assertEquals(0.1, e.mean(), 3 * e.se());
        assertTrue(e.nUsed() < n && e.nUsed() > n - 6, "used " + e.nUsed());
        assertEquals(1.0, e.chi2nu(), 0.2);
    }

    @Test
    void oneMemberGivesItsValueAndItsOwnError() {
        ClusterAbundance.Estimate e = ClusterAbundance.inverseVariance(new double[] {0.2}, new double[] {0.05}, 3, 5);
        assertEquals(0.2, e.mean(), 1e-12);
        assertEquals(0.05, e.se(), 1e-12);
        assertTrue(Double.isNaN(e.tau()));
    }
}
