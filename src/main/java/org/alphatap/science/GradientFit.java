package org.alphatap.science;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Bayesian straight-line fits of a cluster abundance against Galactocentric radius,
 * y = a + b·(R − R0), reported with the intercept both at R0 and at R = 0 (the paper's Table 2).
 *
 * <ul>
 * <li>{@link #conjugate Model P}: the paper-compatible conjugate Normal–Inverse-Gamma model, one
 * homoscedastic noise, vague priors: the posterior is Student-t in closed form and reproduces
 * ordinary least squares.</li>
 * <li>{@link #hierarchical Model H}: each cluster's own error s_c plus an intrinsic scatter ε,
 * y_c ~ N(a + b·x_c, s_c² + ε²), sampled exactly by the "collapsed grid": on a grid of ε the
 * (a, b) posterior is Gaussian and the ε marginal is known, so draws need no MCMC tuning.</li>
 * </ul>
 *
 * <p>Everything is 2×2 algebra; see science-notes §4 for the derivations.
 */
public final class GradientFit {
    /** Where the reported second intercept is taken, kpc (the OCCAM anchors use 8). */
    public static final double DEFAULT_R0_KPC = 8.0;

    public enum Model { P, H }

    /**
     * @param interceptR0 intercept at R = R0; {@code interceptZero} at R = 0 as in the paper
     * @param scatter     intrinsic scatter ε (Model H only, else null)
     * @param chi2nu      reduced χ² at the posterior mean with variances s_c² + ε̄² (NaN for Model P,
     *                    whose single σ makes it 1 by construction)
     * @param correlation posterior correlation of the slope and the intercept at R0
     */
    public record Result(Model model, int n, double r0, Posterior slope, Posterior interceptR0,
            Posterior interceptZero, Posterior scatter, double chi2nu, double correlation, int draws, long seed) {
        /** Half-width of the 95% credible band of the mean relation at R (kpc), Gaussian approximation. */
        public double band95(double rKpc) {
            double x = rKpc - r0;
            double sa = interceptR0.sd();
            double sb = slope.sd();
            return 1.959964 * Math.sqrt(sa * sa + x * x * sb * sb + 2 * x * correlation * sa * sb);
        }

        /** The posterior-mean relation at R (kpc). */
        public double at(double rKpc) {
            return interceptR0.mean() + slope.mean() * (rKpc - r0);
        }
    }

    /**
     * Settings of Model H.
     *
     * @param slopePriorSd {@code +∞} for a flat slope prior, else the sd of a Normal(slopePriorMean, sd)
     */
    public record HSettings(int gridPoints, double scatterMax, int draws, long seed, double slopePriorMean,
            double slopePriorSd) {
        public static HSettings defaults(long seed) {
            return new HSettings(500, 0.3, 20_000, seed, 0.0, Double.POSITIVE_INFINITY);
        }
    }

    private GradientFit() {
    }

    /** Model P with vague priors (m0 = 0, V0 = 10⁶·I, a0 = b0 = 10⁻⁶) and unit weights. */
    public static Result conjugate(double[] r, double[] y, double r0) {
        int n = r.length;
        double v0inv = 1e-6;
        double a0 = 1e-6;
        double b0 = 1e-6;
        // Precision Λ = V0⁻¹ + XᵀX with X = [1, x].
        double s0 = n;
        double s1 = 0;
        double s2 = 0;
        double t0 = 0;
        double t1 = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double x = r[i] - r0;
            s1 += x;
            s2 += x * x;
            t0 += y[i];
            t1 += x * y[i];
            yy += y[i] * y[i];
        }
        Sym2 lambda = new Sym2(s0 + v0inv, s1, s2 + v0inv);
        Sym2 vn = lambda.inverse();
        double ma = vn.aa * t0 + vn.ab * t1;
        double mb = vn.ab * t0 + vn.bb * t1;
        double an = a0 + n / 2.0;
        double bn = b0 + 0.5 * (yy - (ma * t0 + mb * t1));
        double nu = 2 * an;
        double tq = new TDistribution(nu).inverseCumulativeProbability(0.975);
        double scale2 = bn / an;
        Posterior slope = tPosterior(mb, scale2 * vn.bb, nu, tq);
        Posterior icptR0 = tPosterior(ma, scale2 * vn.aa, nu, tq);
        // a(0) = a(R0) − b·R0: var = Vaa − 2·R0·Vab + R0²·Vbb.
        double vZero = vn.aa - 2 * r0 * vn.ab + r0 * r0 * vn.bb;
        Posterior icptZero = tPosterior(ma - mb * r0, scale2 * vZero, nu, tq);
        return new Result(Model.P, n, r0, slope, icptR0, icptZero, null, Double.NaN,
                vn.ab / Math.sqrt(vn.aa * vn.bb), 0, 0);
    }

    private static Posterior tPosterior(double mean, double scale2, double nu, double tq) {
        double scale = Math.sqrt(scale2);
        return Posterior.symmetric(mean, Math.sqrt(scale2 * nu / (nu - 2)), tq * scale);
    }

    /** Weighted least squares with the scatter fixed: the Gaussian posterior under flat priors. */
    public static Result fixedScatter(double[] r, double[] y, double[] s, double scatter, double r0) {
        Gauss g = Gauss.of(r, y, s, scatter, r0, Sym2.ZERO, 0, 0);
        double z = new NormalDistribution().inverseCumulativeProbability(0.975);
        Sym2 cov = g.precision.inverse();
        Posterior slope = Posterior.symmetric(g.mb, Math.sqrt(cov.bb), z * Math.sqrt(cov.bb));
        Posterior icptR0 = Posterior.symmetric(g.ma, Math.sqrt(cov.aa), z * Math.sqrt(cov.aa));
        double vZero = cov.aa - 2 * r0 * cov.ab + r0 * r0 * cov.bb;
        Posterior icptZero = Posterior.symmetric(g.ma - g.mb * r0, Math.sqrt(vZero), z * Math.sqrt(vZero));
        return new Result(Model.H, r.length, r0, slope, icptR0, icptZero, Posterior.symmetric(scatter, 0, 0),
                chi2nu(r, y, s, scatter, r0, g.ma, g.mb), cov.ab / Math.sqrt(cov.aa * cov.bb), 0, 0);
    }

    /** Model H by the collapsed grid: exact up to the ε grid, seeded, deterministic. */
    public static Result hierarchical(double[] r, double[] y, double[] s, double r0, HSettings h) {
        int k = h.gridPoints();
        double[] eps = new double[k];
        double[] logL = new double[k];
        Gauss[] g = new Gauss[k];
        Sym2 prior = Double.isInfinite(h.slopePriorSd()) ? Sym2.ZERO
                : new Sym2(0, 0, 1 / (h.slopePriorSd() * h.slopePriorSd()));
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            eps[j] = (j + 0.5) * h.scatterMax() / k; // flat ε prior on (0, εmax]
            g[j] = Gauss.of(r, y, s, eps[j], r0, prior, 0, h.slopePriorMean());
            logL[j] = g[j].logMarginal;
            best = Math.max(best, logL[j]);
        }
        double[] cumulative = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += Math.exp(logL[j] - best);
            cumulative[j] = total;
        }
        RandomGenerator rng = new Well19937c(h.seed());
        int m = h.draws();
        double[] slope = new double[m];
        double[] icptR0 = new double[m];
        double[] icptZero = new double[m];
        double[] scatter = new double[m];
        double cellWidth = h.scatterMax() / k;
        Sym2[] chol = new Sym2[k];
        for (int d = 0; d < m; d++) {
            int j = pick(cumulative, rng.nextDouble() * total);
            if (chol[j] == null) {
                chol[j] = g[j].precision.inverse().cholesky();
            }
            double z1 = rng.nextGaussian();
            double z2 = rng.nextGaussian();
            double a = g[j].ma + chol[j].aa * z1;
            double b = g[j].mb + chol[j].ab * z1 + chol[j].bb * z2;
            slope[d] = b;
            icptR0[d] = a;
            icptZero[d] = a - b * r0;
            scatter[d] = eps[j] + (rng.nextDouble() - 0.5) * cellWidth; // spread over the grid cell
        }
        double correlation = correlation(slope, icptR0);
        Posterior sc = Posterior.ofDraws(scatter);
        Posterior sl = Posterior.ofDraws(slope);
        Posterior a0 = Posterior.ofDraws(icptR0);
        return new Result(Model.H, r.length, r0, sl, a0, Posterior.ofDraws(icptZero), sc,
                chi2nu(r, y, s, sc.mean(), r0, a0.mean(), sl.mean()), correlation, m, h.seed());
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static int pick(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double chi2nu(double[] r, double[] y, double[] s, double eps, double r0, double a, double b) {
        double chi2 = 0;
        for (int i = 0; i < r.length; i++) {
            double res = y[i] - a - b * (r[i] - r0);
            chi2 += res * res / (s[i] * s[i] + eps * eps);
        }
        return chi2 / (r.length - 2);
    }

    /** The Gaussian (a, b) posterior at one fixed ε, and the log marginal likelihood of that ε. */
    private record Gauss(double ma, double mb, Sym2 precision, double logMarginal) {
        static Gauss of(double[] r, double[] y, double[] s, double eps, double r0, Sym2 prior, double ma0,
                double mb0) {
            double saa = prior.aa;
            double sab = prior.ab;
            double sbb = prior.bb;
            double ta = prior.aa * ma0 + prior.ab * mb0;
            double tb = prior.ab * ma0 + prior.bb * mb0;
            double yDy = prior.aa * ma0 * ma0 + 2 * prior.ab * ma0 * mb0 + prior.bb * mb0 * mb0;
            double logVar = 0;
            for (int i = 0; i < r.length; i++) {
                double v = s[i] * s[i] + eps * eps;
                double w = 1 / v;
                double x = r[i] - r0;
                saa += w;
                sab += w * x;
                sbb += w * x * x;
                ta += w * y[i];
                tb += w * x * y[i];
                yDy += w * y[i] * y[i];
                logVar += Math.log(v);
            }
            Sym2 lambda = new Sym2(saa, sab, sbb);
            Sym2 cov = lambda.inverse();
            double ma = cov.aa * ta + cov.ab * tb;
            double mb = cov.ab * ta + cov.bb * tb;
            double quad = yDy - (ma * ta + mb * tb);
            double logL = -0.5 * logVar - 0.5 * quad - 0.5 * Math.log(lambda.det());
            return new Gauss(ma, mb, lambda, logL);
        }
    }

    /** A symmetric 2×2 matrix [[aa, ab], [ab, bb]]. */
    private record Sym2(double aa, double ab, double bb) {
        static final Sym2 ZERO = new Sym2(0, 0, 0);

        double det() {
            return aa * bb - ab * ab;
        }

        Sym2 inverse() {
            double d = det();
            return new Sym2(bb / d, -ab / d, aa / d);
        }

        /** Lower Cholesky factor L (stored as aa = L11, ab = L21, bb = L22). */
        Sym2 cholesky() {
            double l11 = Math.sqrt(aa);
            double l21 = ab / l11;
            return new Sym2(l11, l21, Math.sqrt(bb - l21 * l21));
        }
    }
}
