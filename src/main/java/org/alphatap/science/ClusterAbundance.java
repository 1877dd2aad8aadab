package org.alphatap.science;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One cluster's abundance of one element from its members' predictions, in two modes.
 *
 * <p><b>Paper mode</b> (Zhang et al. 2025 §4.3): 5000 Gaussian draws per member with the element's
 * single σ, the mean of the draws as the star's value, stars beyond 2σ of the cluster mean
 * dropped. The draws only add noise of σ/√5000 to each prediction (science-notes §5): the rule
 * that matters is the clipping, which is why it is exposed with both readings of "2σ".
 *
 * <p><b>Inverse-variance mode</b> (the better one): y_i ~ N(μ, σ_i² + τ²) with each star's own
 * predictive σ_i and an intrinsic scatter τ estimated by restricted likelihood on a grid, with
 * iterative 3σ clipping.
 */
public final class ClusterAbundance {
    /**
     * @param mean   cluster value; {@code se} its standard error
     * @param tau    intrinsic scatter (inverse-variance mode; NaN in paper mode)
     * @param chi2nu Σ (y−μ)²/(σ²+τ²) / (n−1) of the used stars (NaN when n = 1)
     * @param used   which members entered the estimate
     */
    public record Estimate(int nMembers, int nUsed, double mean, double median, double std, double se, double tau,
            double chi2nu, boolean[] used) {
    }

    /** How the paper's "2σ" is read: the element's σ, or the sample sd of the members. */
    public enum ClipScale { MODEL_SIGMA, SAMPLE_SD }

    private static final double TAU_MAX = 0.3;
    private static final int TAU_GRID = 301;

    private ClusterAbundance() {
    }

    /** The paper's Monte Carlo with {@code draws} draws per star and clipping at {@code k}·scale. */
    public static Estimate paperMonteCarlo(double[] y, double sigma, int draws, double k, ClipScale scale,
            RandomGenerator rng) {
        int n = y.length;
        double[] star = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int d = 0; d < draws; d++) {
                sum += y[i] + sigma * rng.nextGaussian();
            }
            star[i] = sum / draws;
        }
        double mu0 = mean(star);
        double ref = scale == ClipScale.MODEL_SIGMA || n < 3 ? sigma : sd(star, mu0);
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            used[i] = Math.abs(star[i] - mu0) <= k * ref;
        }
        if (count(used) == 0) {
            Arrays.fill(used, true);
        }
        double[] kept = java.util.stream.IntStream.range(0, n).filter(i -> used[i]).mapToDouble(i -> star[i]).toArray();
        double m = mean(kept);
        double sd = kept.length > 1 ? sd(kept, m) : Double.NaN;
        double se = kept.length > 1 ? sd / Math.sqrt(kept.length) : sigma;
        double chi2 = 0;
        for (double v : kept) {
            chi2 += (v - m) * (v - m) / (sigma * sigma);
        }
        return new Estimate(n, kept.length, m, median(kept), sd, se, Double.NaN,
                kept.length > 1 ? chi2 / (kept.length - 1) : Double.NaN, used);
    }

    /** Inverse-variance mean with fitted intrinsic scatter and iterative clipping at k. */
    public static Estimate inverseVariance(double[] y, double[] sigma, double k, int maxPasses) {
        boolean[] used = new boolean[y.length];
        Arrays.fill(used, true);
        double tau = 0;
        for (int pass = 0; pass < maxPasses; pass++) {
            tau = count(used) > 1 ? restrictedTau(y, sigma, used) : 0;
            double mu = weightedMean(y, sigma, tau, used);
            boolean changed = false;
            for (int i = 0; i < y.length; i++) {
                boolean keep = Math.abs(y[i] - mu) <= k * Math.sqrt(sigma[i] * sigma[i] + tau * tau);
                if (used[i] && !keep && count(used) > 2) {
                    used[i] = false;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return fixedScatter(y, sigma, count(used) > 1 ? tau : Double.NaN, used);
    }

    /** The weighted mean at a given τ (T5: τ = 0 and equal σ give the mean and σ/√n). */
    public static Estimate fixedScatter(double[] y, double[] sigma, double tau) {
        boolean[] all = new boolean[y.length];
        Arrays.fill(all, true);
        return fixedScatter(y, sigma, tau, all);
    }

    private static Estimate fixedScatter(double[] y, double[] sigma, double tau, boolean[] used) {
        double t = Double.isNaN(tau) ? 0 : tau;
        double mu = weightedMean(y, sigma, t, used);
        double sumW = 0;
        double chi2 = 0;
        double[] kept = new double[count(used)];
        int j = 0;
        for (int i = 0; i < y.length; i++) {
            if (used[i]) {
                double v = sigma[i] * sigma[i] + t * t;
                sumW += 1 / v;
                chi2 += (y[i] - mu) * (y[i] - mu) / v;
                kept[j++] = y[i];
            }
        }
        int n = kept.length;
        return new Estimate(y.length, n, mu, median(kept), n > 1 ? sd(kept, mean(kept)) : Double.NaN,
                Math.sqrt(1 / sumW), tau, n > 1 ? chi2 / (n - 1) : Double.NaN, used.clone());
    }

    /** τ maximising the restricted (REML) likelihood on a grid over [0, 0.3]. */
    private static double restrictedTau(double[] y, double[] sigma, boolean[] used) {
        double bestTau = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < TAU_GRID; g++) {
            double tau = TAU_MAX * g / (TAU_GRID - 1);
            double mu = weightedMean(y, sigma, tau, used);
            double logL = 0;
            double sumW = 0;
            for (int i = 0; i < y.length; i++) {
                if (used[i]) {
                    double v = sigma[i] * sigma[i] + tau * tau;
                    logL -= 0.5 * (Math.log(v) + (y[i] - mu) * (y[i] - mu) / v);
                    sumW += 1 / v;
                }
            }
            logL -= 0.5 * Math.log(sumW);
            if (logL > best) {
                best = logL;
                bestTau = tau;
            }
        }
        return bestTau;
    }

    private static double weightedMean(double[] y, double[] sigma, double tau, boolean[] used) {
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < y.length; i++) {
            if (used[i]) {
                double w = 1 / (sigma[i] * sigma[i] + tau * tau);
                sw += w;
                swy += w * y[i];
            }
        }
        return swy / sw;
    }

    private static int count(boolean[] used) {
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        return n;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return Posterior.quantile(c, 0.5);
    }
}
