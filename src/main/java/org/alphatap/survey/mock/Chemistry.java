package org.alphatap.survey.mock;

import java.util.SplittableRandom;
import org.alphatap.survey.Element;

/**
 * The stated physical model of the mock's abundances.
 *
 * <p>Open clusters follow a radial metallicity gradient, [Fe/H]_c = g·(R_c − R0) + scatter. Every
 * star, field or cluster, follows [X/Fe] = c_X + s_X·[Fe/H] + intrinsic scatter. With
 * s_X = α_X/g and c_X = β_X + α_X·R0 the cluster [X/Fe] gradient is exactly the paper's Table 2
 * line α_X·R + β_X: the gradient arises from the [Fe/H] gradient seen through the [X/Fe]–[Fe/H]
 * trend, which is all a labels-only model can recover. An optional extra gradient at fixed [Fe/H]
 * is the part it cannot.
 */
public final class Chemistry {
    /** Cluster [Fe/H] gradient, dex/kpc (OCCAM and Spina et al.: −0.06 to −0.075). */
    public static final double FEH_GRADIENT = -0.065;
    /** Solar Galactocentric radius, kpc (astropy v4.0, as Hunt &amp; Reffert). */
    public static final double R0_KPC = 8.122;
    /** Cluster-to-cluster [Fe/H] scatter about the gradient, dex. */
    public static final double CLUSTER_FEH_SCATTER = 0.04;
    /** Star-to-star [Fe/H] scatter inside one cluster, dex. */
    public static final double MEMBER_FEH_SCATTER = 0.02;

    // Per element, in Element order: O, Mg, Si, Ca, Ti.
    /** Paper Table 2 slopes α, dex/kpc. */
    static final double[] ALPHA = {0.021, 0.007, 0.006, 0.008, 0.007};
    /** Paper Table 2 intercepts β at R = 0, dex. */
    static final double[] BETA = {-0.151, -0.052, -0.038, -0.084, -0.037};
    /** Intrinsic star-to-star [X/Fe] scatter at fixed [Fe/H], dex. */
    static final double[] INTRINSIC = {0.045, 0.030, 0.020, 0.025, 0.025};
    /** GALAH e_[x]_fe at snr_px_ccd3 = 80, dex; it scales as sqrt(80/snr). */
    static final double[] GALAH_ERROR_AT_80 = {0.072, 0.038, 0.028, 0.034, 0.034};
    /** Mild GALAH label systematic with Teff, dex per 1000 K about 5500 K. */
    static final double[] GALAH_TEFF_TREND = {0.010, 0.005, -0.005, 0.005, 0.008};
    /** The paper's per-star σ (its §4.3), the irreducible scatter the label noise is tuned to. */
    static final double[] PAPER_SIGMA = {0.091, 0.051, 0.037, 0.044, 0.044};

    private final double extraGradient;

    public Chemistry(double extraGradient) {
        this.extraGradient = extraGradient;
    }

    /** s_X = α_X / g: the [X/Fe]–[Fe/H] slope, dex/dex. */
    public static double slope(Element e) {
        return ALPHA[e.ordinal()] / FEH_GRADIENT;
    }

    /** c_X = β_X + α_X·R0: [X/Fe] at [Fe/H] = 0. */
    public static double zeroPoint(Element e) {
        return BETA[e.ordinal()] + ALPHA[e.ordinal()] * R0_KPC;
    }

    public static double alpha(Element e) {
        return ALPHA[e.ordinal()];
    }

    public static double beta(Element e) {
        return BETA[e.ordinal()];
    }

    public double extraGradient() {
        return extraGradient;
    }

    /** Mean [Fe/H] of a cluster at R_GC (kpc), before its own scatter. */
    public static double clusterFehTrend(double rKpc) {
        return FEH_GRADIENT * (rKpc - R0_KPC);
    }

    /** Mean [X/Fe] of stars of a given [Fe/H]; {@code rKpc} feeds the extra gradient (NaN: none). */
    public double meanAbundance(Element e, double feh, double rKpc) {
        double extra = Double.isNaN(rKpc) ? 0.0 : extraGradient * (rKpc - R0_KPC);
        return zeroPoint(e) + slope(e) * feh + extra;
    }

    /** One star's true [X/Fe]: the mean plus intrinsic scatter. */
    public double starAbundance(Element e, double feh, double rKpc, SplittableRandom rng) {
        return meanAbundance(e, feh, rKpc) + INTRINSIC[e.ordinal()] * rng.nextGaussian();
    }

    /** GALAH's reported e_[x]_fe at a given snr_px_ccd3. */
    static double galahError(Element e, double snr) {
        return GALAH_ERROR_AT_80[e.ordinal()] * Math.sqrt(80.0 / Math.max(snr, 5.0));
    }

    /** GALAH's measured [X/Fe]: truth, a mild Teff systematic, and noise of the reported size. */
    static double galahLabel(Element e, double trueXfe, double trueTeff, double error, SplittableRandom rng) {
        return trueXfe + GALAH_TEFF_TREND[e.ordinal()] * (trueTeff - 5500.0) / 1000.0 + error * rng.nextGaussian();
    }
}
