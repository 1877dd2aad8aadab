package org.alphatap.survey.mock;

import java.util.SplittableRandom;

/**
 * How the mock LAMOST LASP pipeline sees a star: S/N-dependent errors with floors, small
 * systematic offsets from the truth (the surveys disagree mildly), occasional −9999 sentinels.
 */
final class LamostObservation {
    static final float SENTINEL = -9999f;
    static final double TEFF_OFFSET = 30.0;
    static final double LOGG_TEFF_TREND = 0.08;
    static final double FEH_OFFSET = 0.02;
    static final double FAILED_FRACTION = 0.01;
    static final double MISSING_FEH_ERR_FRACTION = 0.005;
    static final double MISSING_GAIA_ID_FRACTION = 0.02;
    /**
     * [α/M] precision, σ = hypot(floor, scale / snrg): 0.041 dex at S/N 50, as The Cannon's LAMOST
     * [α/M] at S/N > 50 (Ho et al. 2017, ApJ 836, 5: 0.04), and 0.030 at S/N 100, near SLAM's
     * cross-validated 0.026 (Zhang, Liu &amp; Deng 2020, ApJS 246, 9); 0.06 at S/N 30.
     */
    static final double ALPHA_M_FLOOR = 0.025;
    static final double ALPHA_M_SCALE = 1.6;
    /**
     * Below this snrg LASP's [α/M] is −9999 here (10% of field spectra, 2% of cluster members):
     * the catalogue's −9999s are "often" (its documentation) but their share is not in the stored
     * material, so this is an assumption. Zhang S. et al. (2022, RAA) find LASP's reported [α/M]
     * errors too small; the mock reports the true σ.
     */
    static final double ALPHA_M_MIN_SNR = 10.0;

    float teff;
    float teffErr;
    float logg;
    float loggErr;
    float feh;
    float fehErr;
    float snrg;
    float snrr;
    float alphaM;
    float alphaMErr;
    boolean gaiaIdMissing;
    double ra;
    double dec;

    /** One spectrum of {@code s} at a typical S/N of {@code snrMedian}. */
    void observe(Star s, double snrMedian, SplittableRandom rng) {
        double g = Star.clip(Star.logNormal(rng, snrMedian, 0.8), 2.0, 900.0);
        snrg = (float) g;
        snrr = (float) (g * (1.25 + 0.35 * rng.nextDouble()));
        double sTeff = Math.hypot(25.0, 2500.0 / g);
        double sLogg = Math.hypot(0.04, 4.0 / g);
        double sFeh = Math.hypot(0.02, 1.6 / g);
        teff = (float) (s.teff + TEFF_OFFSET + sTeff * rng.nextGaussian());
        logg = (float) (s.logg + LOGG_TEFF_TREND * (s.teff - 5500) / 1000 + sLogg * rng.nextGaussian());
        feh = (float) (s.feh + FEH_OFFSET + sFeh * rng.nextGaussian());
        teffErr = (float) sTeff;
        loggErr = (float) sLogg;
        fehErr = (float) sFeh;
        // Fibre positions scatter by about 0.2 arcsec around the star.
        double jitter = 0.2 / 3600.0;
        ra = (s.ra + jitter * rng.nextGaussian() / Math.max(Math.cos(Math.toRadians(s.dec)), 1e-3) + 360.0) % 360.0;
        dec = Star.clip(s.dec + jitter * rng.nextGaussian(), -90, 90);
        double sAlpha = Math.hypot(ALPHA_M_FLOOR, ALPHA_M_SCALE / g);
        alphaM = (float) (s.alphaM() + sAlpha * rng.nextGaussian());
        alphaMErr = (float) sAlpha;
        if (g < ALPHA_M_MIN_SNR) {
            alphaM = alphaMErr = SENTINEL;
        }
        double u = rng.nextDouble();
        if (u < FAILED_FRACTION) {
            teff = teffErr = logg = loggErr = feh = fehErr = alphaM = alphaMErr = SENTINEL;
        } else if (u < FAILED_FRACTION + MISSING_FEH_ERR_FRACTION) {
            fehErr = SENTINEL;
        }
        gaiaIdMissing = rng.nextDouble() < MISSING_GAIA_ID_FRACTION;
    }

    /** How many LRS spectra a star has: mostly one, some repeats. */
    static int spectraCount(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.90 ? 1 : u < 0.98 ? 2 : 3;
    }

    /** LAMOST designation JHHMMSS.ss+DDMMSS.s of a position. */
    static String designation(double ra, double dec) {
        double h = ra / 15.0;
        int hh = (int) h;
        int mm = (int) ((h - hh) * 60);
        double ss = ((h - hh) * 60 - mm) * 60;
        double ad = Math.abs(dec);
        int dd = (int) ad;
        int dm = (int) ((ad - dd) * 60);
        double ds = ((ad - dd) * 60 - dm) * 60;
        // Truncate rather than round so that 59.999 never prints as 60.00.
        return String.format(java.util.Locale.ROOT, "J%02d%02d%05.2f%s%02d%02d%04.1f", hh, mm,
                Math.floor(ss * 100) / 100, dec < 0 ? "-" : "+", dd, dm, Math.floor(ds * 10) / 10);
    }
}
