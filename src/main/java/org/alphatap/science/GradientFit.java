package org.alphatap.science;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Bayesian linear fits of a cluster abundance against Galactocentric radius: the straight line
 * y = a + b·(R − R0), reported with the intercept both at R0 and at R = 0 (the paper's Table 2), and
 * the joint fit y = a + b·(R − R0) + c·[Fe/H], whose b is the radial slope at fixed [Fe/H] (the echo
 * test of science-notes §6.2).
 *
 * <ul>
 * <li>{@link #conjugate Model P}: the paper-compatible conjugate Normal–Inverse-Gamma model, one
 * homoscedastic noise, vague priors: the posterior is Student-t in closed form and reproduces
 * ordinary least squares.</li>
 * <li>{@link #hierarchical Model H}: each cluster's own error s_c plus an intrinsic scatter ε,
 * y_c ~ N(x_cᵀβ, s_c² + ε²), sampled exactly by the "collapsed grid": on a grid of ε the β
 * posterior is Gaussian and the ε marginal is known, so draws need no MCMC tuning.</li>
 * </ul>
 *
 * <p>Both fits run on one engine for p coefficients (science-notes §4.2).
 */
public final class GradientFit {
    /** Where the reported second intercept is taken, kpc (the OCCAM anchors use 8). */
    public static final double DEFAULT_R0_KPC = 8.0;

    /** Cells whose log marginal is more than this below the best hold under e⁻²⁰ of its weight: left out. */
    private static final double LOG_MASS_DROP = 20;

    /** The slope's index in β = (a, b[, c]). */
    private static final int SLOPE = 1;

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
     * A joint fit y = a + b·(R − R0) + c·[Fe/H].
     *
     * @param interceptR0 a, the value at R = R0 and [Fe/H] = 0
     * @param slope       b, the radial slope at fixed [Fe/H]
     * @param feh         c, the [Fe/H] coefficient
     * @param scatter     intrinsic scatter ε (Model H only, else null)
     * @param chi2nu      as in {@link Result}
     * @param scatterCell width of the ε grid cell each draw was spread over (0 unless ε was sampled)
     */
    public record Joint(Model model, int n, double r0, Posterior interceptR0, Posterior slope, Posterior feh,
            Posterior scatter, double chi2nu, double scatterCell, int draws, long seed) {
    }

    /**
     * Settings of Model H.
     *
     * @param gridPoints   ε grid points, laid over where a first pass of as many points on (0, scatterMax]
     *                     finds the posterior mass
     * @param slopePriorSd {@code +∞} for a flat slope prior, else the sd of a Normal(slopePriorMean, sd)
     *                     on the R coefficient
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
        return line(conjugate(design(r0, r), y, lineReports(r0)), r0);
    }

    /** Model P of the joint fit on R and [Fe/H], priors as in {@link #conjugate}. */
    public static Joint conjugateJoint(double[] r, double[] feh, double[] y, double r0) {
        return joint(conjugate(design(r0, r, feh), y, jointReports()), r0);
    }

    /** Weighted least squares with the scatter fixed: the Gaussian posterior under flat priors. */
    public static Result fixedScatter(double[] r, double[] y, double[] s, double scatter, double r0) {
        return line(fixedScatter(design(r0, r), y, s, scatter, lineReports(r0)), r0);
    }

    /** The joint fit on R and [Fe/H] with the scatter fixed, as {@link #fixedScatter}. */
    public static Joint fixedScatterJoint(double[] r, double[] feh, double[] y, double[] s, double scatter, double r0) {
        return joint(fixedScatter(design(r0, r, feh), y, s, scatter, jointReports()), r0);
    }

    /** Model H by the collapsed grid: exact up to the ε grid, seeded, deterministic. */
    public static Result hierarchical(double[] r, double[] y, double[] s, double r0, HSettings h) {
        return line(hierarchical(design(r0, r), y, s, h, lineReports(r0)), r0);
    }

    /** Model H of the joint fit on R and [Fe/H], as {@link #hierarchical}; a slope prior applies to b only. */
    public static Joint hierarchicalJoint(double[] r, double[] feh, double[] y, double[] s, double r0, HSettings h) {
        return joint(hierarchical(design(r0, r, feh), y, s, h, jointReports()), r0);
    }

    /** Rows [1, R − R0, covariates...]. */
    private static double[][] design(double r0, double[] r, double[]... covariates) {
        double[][] x = new double[r.length][2 + covariates.length];
        for (int i = 0; i < r.length; i++) {
            x[i][0] = 1;
            x[i][1] = r[i] - r0;
            for (int j = 0; j < covariates.length; j++) {
                x[i][2 + j] = covariates[j][i];
            }
        }
        return x;
    }

    /** The line reports a(R0), b and a(0) = a(R0) − b·R0. */
    private static RealMatrix lineReports(double r0) {
        return MatrixUtils.createRealMatrix(new double[][] {{1, 0}, {0, 1}, {1, -r0}});
    }

    private static RealMatrix jointReports() {
        return MatrixUtils.createRealIdentityMatrix(3);
    }

    private static Result line(Fit f, double r0) {
        RealMatrix c = f.covariance();
        double correlation = c.getEntry(0, 1) / Math.sqrt(c.getEntry(0, 0) * c.getEntry(1, 1));
        return new Result(f.model(), f.n(), r0, f.reported()[1], f.reported()[0], f.reported()[2], f.scatter(),
                f.chi2nu(), correlation, f.draws(), f.seed());
    }

    private static Joint joint(Fit f, double r0) {
        return new Joint(f.model(), f.n(), r0, f.reported()[0], f.reported()[1], f.reported()[2], f.scatter(),
                f.chi2nu(), f.scatterCell(), f.draws(), f.seed());
    }

    /**
     * What every fit yields: the posteriors of the reported combinations (rows of a matrix applied to β),
     * β's posterior covariance, the scatter and χ²_ν.
     */
    private record Fit(Model model, int n, Posterior[] reported, RealMatrix covariance, Posterior scatter,
            double chi2nu, double scatterCell, int draws, long seed) {
    }

    private static Fit conjugate(double[][] x, double[] y, RealMatrix reports) {
        int n = x.length;
        int p = x[0].length;
        double a0 = 1e-6;
        double b0 = 1e-6;
        Prior vague = new Prior(MatrixUtils.createRealIdentityMatrix(p).scalarMultiply(1e-6), new ArrayRealVector(p));
        double[] unit = new double[n];
        Arrays.fill(unit, 1);
        Gauss g = Gauss.of(x, y, unit, 0, vague);
        double an = a0 + n / 2.0;
        double bn = b0 + 0.5 * g.quad();
        double nu = 2 * an;
        // β is multivariate t: scale matrix bn/an·Vn, covariance bn/(an − 1)·Vn.
        RealMatrix vn = g.precision().getSolver().getInverse();
        Posterior[] reported = symmetric(reports, g.mean(), vn.scalarMultiply(bn / an), Math.sqrt(nu / (nu - 2)),
                new TDistribution(nu).inverseCumulativeProbability(0.975));
        return new Fit(Model.P, n, reported, vn.scalarMultiply(bn / (an - 1)), null, Double.NaN, 0, 0, 0);
    }

    private static Fit fixedScatter(double[][] x, double[] y, double[] s, double scatter, RealMatrix reports) {
        Gauss g = Gauss.of(x, y, s, scatter, Prior.flat(x[0].length));
        RealMatrix cov = g.precision().getSolver().getInverse();
        Posterior[] reported = symmetric(reports, g.mean(), cov, 1,
                new NormalDistribution().inverseCumulativeProbability(0.975));
        return new Fit(Model.H, x.length, reported, cov, Posterior.symmetric(scatter, 0, 0),
                chi2nu(x, y, s, scatter, g.mean()), 0, 0, 0);
    }

    /**
     * Symmetric posteriors of the rows c of {@code reports}: location c·m, scale √(cᵀSc), sd
     * {@code sdFactor}·scale, 95% half-width {@code q}·scale.
     */
    private static Posterior[] symmetric(RealMatrix reports, RealVector m, RealMatrix scale, double sdFactor,
            double q) {
        Posterior[] out = new Posterior[reports.getRowDimension()];
        for (int k = 0; k < out.length; k++) {
            RealVector c = reports.getRowVector(k);
            double sc = Math.sqrt(c.dotProduct(scale.operate(c)));
            out[k] = Posterior.symmetric(c.dotProduct(m), sdFactor * sc, q * sc);
        }
        return out;
    }

    private static Fit hierarchical(double[][] x, double[] y, double[] s, HSettings h, RealMatrix reports) {
        int p = x[0].length;
        Prior prior = Prior.of(p, h);
        int k = h.gridPoints();
        double[] range = massRange(x, y, s, prior, h);
        double from = range[0];
        double cell = (range[1] - from) / k;
        Gauss[] g = grid(x, y, s, prior, from, cell, k);
        double best = bestLogMarginal(g);
        double[] cumulative = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += Math.exp(g[j].logMarginal() - best);
            cumulative[j] = total;
        }
        RandomGenerator rng = new Well19937c(h.seed());
        int m = h.draws();
        double[][] beta = new double[m][];
        double[] scatter = new double[m];
        for (int d = 0; d < m; d++) {
            int j = pick(cumulative, rng.nextDouble() * total);
            // mean + L⁻ᵀz with Λ = LLᵀ has covariance Λ⁻¹.
            double[] z = new double[p];
            for (int i = 0; i < p; i++) {
                z[i] = rng.nextGaussian();
            }
            RealVector u = new ArrayRealVector(z, false);
            MatrixUtils.solveUpperTriangularSystem(g[j].precision().getLT(), u);
            beta[d] = u.add(g[j].mean()).toArray();
            scatter[d] = from + (j + rng.nextDouble()) * cell; // spread over the grid cell
        }
        RealMatrix draws = MatrixUtils.createRealMatrix(beta);
        RealMatrix combos = draws.multiply(reports.transpose());
        Posterior[] reported = new Posterior[reports.getRowDimension()];
        for (int c = 0; c < reported.length; c++) {
            reported[c] = Posterior.ofDraws(combos.getColumn(c));
        }
        RealVector mean = new ArrayRealVector(p);
        for (int c = 0; c < p; c++) {
            mean.setEntry(c, StatUtils.mean(draws.getColumn(c)));
        }
        Posterior sc = Posterior.ofDraws(scatter);
        return new Fit(Model.H, x.length, reported, new Covariance(draws).getCovarianceMatrix(), sc,
                chi2nu(x, y, s, sc.mean(), mean), cell, m, h.seed());
    }

    /**
     * Where the ε posterior lies in (0, εmax]: the cells of a first pass of as many points whose log
     * marginal is within {@link #LOG_MASS_DROP} of the best, and one cell either side since the peak may
     * sit between two points. The ε prior stays flat on (0, εmax]; the grid laid over this range only
     * resolves it better, leaving out a negligible tail.
     */
    private static double[] massRange(double[][] x, double[] y, double[] s, Prior prior, HSettings h) {
        int k = h.gridPoints();
        double cell = h.scatterMax() / k;
        Gauss[] first = grid(x, y, s, prior, 0, cell, k);
        double best = bestLogMarginal(first);
        int lo = k;
        int hi = 0;
        for (int j = 0; j < k; j++) {
            if (first[j].logMarginal() >= best - LOG_MASS_DROP) {
                lo = Math.min(lo, j);
                hi = j;
            }
        }
        return new double[] {Math.max(0, lo - 1) * cell, Math.min(k, hi + 2) * cell};
    }

    private static double bestLogMarginal(Gauss[] g) {
        double best = Double.NEGATIVE_INFINITY;
        for (Gauss gj : g) {
            best = Math.max(best, gj.logMarginal());
        }
        return best;
    }

    /** The Gaussian posteriors at the k cell midpoints ε = from + (j + ½)·cell. */
    private static Gauss[] grid(double[][] x, double[] y, double[] s, Prior prior, double from, double cell, int k) {
        Gauss[] g = new Gauss[k];
        for (int j = 0; j < k; j++) {
            g[j] = Gauss.of(x, y, s, from + (j + 0.5) * cell, prior);
        }
        return g;
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

    private static double chi2nu(double[][] x, double[] y, double[] s, double eps, RealVector beta) {
        double chi2 = 0;
        for (int i = 0; i < x.length; i++) {
            double res = y[i] - beta.dotProduct(new ArrayRealVector(x[i], false));
            chi2 += res * res / (s[i] * s[i] + eps * eps);
        }
        return chi2 / (x.length - beta.getDimension());
    }

    /** A Normal prior on β by its precision Λ0 (zero where flat) and mean m0. */
    private record Prior(RealMatrix precision, RealVector mean) {
        static Prior flat(int p) {
            return new Prior(MatrixUtils.createRealMatrix(p, p), new ArrayRealVector(p));
        }

        /** Flat, but for Model H's slope prior on the R coefficient when its sd is finite. */
        static Prior of(int p, HSettings h) {
            Prior prior = flat(p);
            if (!Double.isInfinite(h.slopePriorSd())) {
                prior.precision().setEntry(SLOPE, SLOPE, 1 / (h.slopePriorSd() * h.slopePriorSd()));
                prior.mean().setEntry(SLOPE, h.slopePriorMean());
            }
            return prior;
        }
    }

    /**
     * The Gaussian β posterior at one fixed ε, N(mean, Λ⁻¹) with Λ held by its Cholesky factor; {@code quad}
     * = yᵀDy + m0ᵀΛ0m0 − meanᵀΛ·mean, and the log marginal likelihood of that ε.
     */
    private record Gauss(RealVector mean, CholeskyDecomposition precision, double quad, double logMarginal) {
        static Gauss of(double[][] x, double[] y, double[] s, double eps, Prior prior) {
            int p = x[0].length;
            double[][] lambda = prior.precision().getData();
            double[] t = prior.precision().operate(prior.mean()).toArray();
            double yDy = prior.mean().dotProduct(new ArrayRealVector(t, false));
            double logVar = 0;
            for (int i = 0; i < x.length; i++) {
                double v = s[i] * s[i] + eps * eps;
                double w = 1 / v;
                for (int a = 0; a < p; a++) {
                    t[a] += w * x[i][a] * y[i];
                    for (int b = 0; b <= a; b++) {
                        lambda[a][b] += w * x[i][a] * x[i][b];
                    }
                }
                yDy += w * y[i] * y[i];
                logVar += Math.log(v);
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    lambda[b][a] = lambda[a][b];
                }
            }
            CholeskyDecomposition chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(lambda));
            RealVector tv = new ArrayRealVector(t, false);
            RealVector mean = chol.getSolver().solve(tv);
            double quad = yDy - mean.dotProduct(tv);
            double logDet = 0;
            for (int a = 0; a < p; a++) {
                logDet += 2 * Math.log(chol.getLT().getEntry(a, a));
            }
            return new Gauss(mean, chol, quad, -0.5 * logVar - 0.5 * quad - 0.5 * logDet);
        }
    }
}
