package org.alphatap.science;

/**
 * The ranges of the training features. Trees are constant outside them, so a star beyond the box
 * gets the edge value silently; the flags make that visible instead of refusing the star.
 *
 * @param alphaMin lowest training [α/M] (NaN when the box has no [α/M])
 */
public record FeatureBox(float teffMin, float teffMax, float loggMin, float loggMax, float fehMin, float fehMax,
        float snrMin, float alphaMin, float alphaMax) {
    public static final int TEFF_OUTSIDE = 1;
    public static final int LOGG_OUTSIDE = 2;
    public static final int FEH_OUTSIDE = 4;
    /** A feature is missing: no prediction is published. */
    public static final int NO_INPUT = 8;
    /** The spectrum's S/N is below the lowest of the training sample: its inputs are noisier than any trained on. */
    public static final int LOW_SNR = 16;
    /** [α/M] given but outside the training range: the [α/M] model answered, from the edge of its data. */
    public static final int ALPHA_M_OUTSIDE = 32;

    /**
     * The box of rows of {@code width} features (row-major: teff, logg, feh, and alpha_m when
     * width is 4, missing [α/M] ignored) and their S/N values.
     */
    public static FeatureBox of(float[] features, int width, float[] snr, int rows) {
        float snrMin = Float.MAX_VALUE;
        for (int i = 0; i < rows; i++) {
            snrMin = Math.min(snrMin, snr[i]);
        }
        float[] lo = new float[width];
        float[] hi = new float[width];
        java.util.Arrays.fill(lo, Float.MAX_VALUE);
        java.util.Arrays.fill(hi, -Float.MAX_VALUE);
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < width; f++) {
                float v = features[width * i + f];
                if (!Float.isNaN(v)) {
                    lo[f] = Math.min(lo[f], v);
                    hi[f] = Math.max(hi[f], v);
                }
            }
        }
        boolean alpha = width > 3 && lo[3] <= hi[3];
        return new FeatureBox(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2], snrMin, alpha ? lo[3] : Float.NaN,
                alpha ? hi[3] : Float.NaN);
    }

    /** Out-of-calibration bits of one input; a NaN S/N is not held against it. */
    public int flags(double teff, double logg, double feh, double snr) {
        if (Double.isNaN(teff) || Double.isNaN(logg) || Double.isNaN(feh)) {
            return NO_INPUT;
        }
        int f = 0;
        f |= teff < teffMin || teff > teffMax ? TEFF_OUTSIDE : 0;
        f |= logg < loggMin || logg > loggMax ? LOGG_OUTSIDE : 0;
        f |= feh < fehMin || feh > fehMax ? FEH_OUTSIDE : 0;
        f |= snr < snrMin ? LOW_SNR : 0;
        return f;
    }

    /** {@link #ALPHA_M_OUTSIDE} when a given [α/M] lies outside the training range, else 0. */
    public int alphaFlag(double alphaM) {
        return !Double.isNaN(alphaM) && (alphaM < alphaMin || alphaM > alphaMax) ? ALPHA_M_OUTSIDE : 0;
    }
}
