package org.alphatap.survey.mock;

import java.util.SplittableRandom;
import org.alphatap.survey.Element;

/**
 * The chemistry of the field: every field star follows [X/Fe] = c_X + s_X·[Fe/H] plus a
 * star-to-star scatter, the same in the GALAH overlap and in the LAMOST field.
 *
 * <p>The trend is the one under which the paper's Table 2 gradients are exactly an echo of a
 * [Fe/H] gradient of −0.065 dex/kpc (s_X = α_X / −0.065, c_X = β_X + α_X·R0): what a labels-only
 * model recovers from clusters that follow the field. Its slopes, −0.32 for O and −0.09 to −0.12
 * for the others, are of the size GALAH's thin disc shows. The scatter has the per-element sizes
 * below; how it is shared between elements is a setting of the chemistry (independent in the
 * trend-only mock, correlated as the real clusters' residuals are in the realistic one).
 */
public final class FieldChemistry {
    /** The [Fe/H] gradient that turns the paper's slopes into the field trend, dex/kpc. */
    static final double PAPER_FEH_GRADIENT = -0.065;
    /** Solar Galactocentric radius, kpc (astropy v4.0, as Hunt &amp; Reffert). */
    public static final double R0_KPC = 8.122;

    // Per element, in Element order: O, Mg, Si, Ca, Ti.
    /** Paper Table 2 slopes α, dex/kpc. */
    static final double[] ALPHA = {0.021, 0.007, 0.006, 0.008, 0.007};
    /** Paper Table 2 intercepts β at R = 0, dex. */
    static final double[] BETA = {-0.151, -0.052, -0.038, -0.084, -0.037};
    /** Star-to-star [X/Fe] scatter at fixed [Fe/H], dex. */
    static final double[] INTRINSIC = {0.045, 0.030, 0.020, 0.025, 0.025};
    /** The paper's per-star σ (its §4.3), the irreducible scatter the GALAH label noise is tuned to. */
    static final double[] PAPER_SIGMA = {0.091, 0.051, 0.037, 0.044, 0.044};

    private final CorrelatedNormal scatter;

    /** @param correlation the correlation of the star-to-star scatter between elements, in Element order */
    FieldChemistry(double[][] correlation) {
        this.scatter = new CorrelatedNormal(INTRINSIC, correlation);
    }

    /** s_X: the [X/Fe]–[Fe/H] slope of the field, dex/dex. */
    public static double slope(Element e) {
        return ALPHA[e.ordinal()] / PAPER_FEH_GRADIENT;
    }

    /** c_X: the field's [X/Fe] at [Fe/H] = 0. */
    public static double zeroPoint(Element e) {
        return BETA[e.ordinal()] + ALPHA[e.ordinal()] * R0_KPC;
    }

    /** The field's mean [X/Fe] at a given [Fe/H]. */
    public static double mean(Element e, double feh) {
        return zeroPoint(e) + slope(e) * feh;
    }

    /** One field star's true [X/Fe], all elements, at its [Fe/H]. */
    double[] star(double feh, SplittableRandom rng) {
        double[] x = scatter.draw(rng);
        for (Element e : Element.values()) {
            x[e.ordinal()] += mean(e, feh);
        }
        return x;
    }

    CorrelatedNormal scatter() {
        return scatter;
    }
}
