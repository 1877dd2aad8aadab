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

    float teff;
    float teffErr;
    float logg;
    float loggErr;
    float feh;
    float fehErr;
    float snrg;
    float snrr;
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
        double u = rng.nextDouble();
        if (u < FAILED_FRACTION) {
            teff = teffErr = logg = loggErr = feh = fehErr = SENTINEL;
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
