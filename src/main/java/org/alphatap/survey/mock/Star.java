package org.alphatap.survey.mock;

import java.util.SplittableRandom;
import org.alphatap.sky.Healpix;
import org.alphatap.survey.Element;

/**
 * One true star of the mock (mutable, reused while streaming): where it is, what it is. The
 * draws here are the stated population model: dwarfs and giants of the thin disc.
 */
final class Star {
    double ra;
    double dec;
    long gaiaId;
    double teff;
    double logg;
    double feh;
    boolean giant;
    /** True [X/Fe] by element ordinal. */
    final double[] xfe = new double[Element.values().length];

    /** Gaia-like DR3 source id: the order-12 nested HEALPix pixel times 2^35 plus a running number. */
    static long gaiaId(double ra, double dec, long serial) {
        return (Healpix.nestedIndex(12, ra, dec) << 35) | (serial & ((1L << 35) - 1));
    }

    /** A direction uniform on the sphere between two declinations (degrees). */
    void placeInBand(SplittableRandom rng, double decMin, double decMax) {
        double zMin = Math.sin(Math.toRadians(decMin));
        double zMax = Math.sin(Math.toRadians(decMax));
        ra = 360.0 * rng.nextDouble();
        dec = Math.toDegrees(Math.asin(zMin + (zMax - zMin) * rng.nextDouble()));
    }

    /** Teff and log g of a main-sequence dwarf or a red-clump/RGB giant. */
    void drawType(SplittableRandom rng, double giantFraction) {
        giant = rng.nextDouble() < giantFraction;
        if (giant) {
            teff = clip(4750 + 260 * rng.nextGaussian(), 3900, 5600);
            logg = clip(2.55 + 0.35 * rng.nextGaussian(), 1.0, 3.6);
        } else {
            teff = clip(5750 + 560 * rng.nextGaussian(), 4000, 7200);
            logg = clip(4.45 - 0.25 * (teff - 5800) / 1000 + 0.12 * rng.nextGaussian(), 3.8, 4.8);
        }
    }

    /** Field [Fe/H]: the thin-disc distribution seen by LAMOST and GALAH. */
    void drawFieldFeh(SplittableRandom rng) {
        feh = clip(-0.15 + 0.25 * rng.nextGaussian(), -2.0, 0.55);
    }

    /**
     * The star's true [α/M] as LAMOST's pipeline measures it: the mean [X/Fe] of Mg, Si, Ca and Ti,
     * the α elements with lines in the LRS range (O has none strong enough).
     */
    double alphaM() {
        return (xfe[Element.MG.ordinal()] + xfe[Element.SI.ordinal()] + xfe[Element.CA.ordinal()]
                + xfe[Element.TI.ordinal()]) / 4.0;
    }

    /** Absolute G magnitude, roughly, for picking the brightest members. */
    double absoluteG() {
        return giant ? 0.8 + 0.6 * (logg - 2.5) : 4.5 + (5800 - teff) / 500;
    }

    static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static double logNormal(SplittableRandom rng, double median, double sigmaLn) {
        return median * Math.exp(sigmaLn * rng.nextGaussian());
    }
}
