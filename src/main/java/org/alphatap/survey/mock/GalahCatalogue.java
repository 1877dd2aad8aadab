package org.alphatap.survey.mock;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnStarTable;

/**
 * The mock GALAH DR4 allstar table: how GALAH sees a star (its errors, flag bits, a mild Teff
 * systematic in [X/Fe]), written as FITS with the real column names and dtypes.
 */
final class GalahCatalogue {
    private static final int ELEMENTS = Element.values().length;
    /** GALAH e_[x]_fe at snr_px_ccd3 = 80, dex; it scales as sqrt(80/snr). Tuned so that label noise and
     * the field scatter together make the paper's per-star σ. */
    static final double[] ERROR_AT_80 = {0.072, 0.038, 0.028, 0.034, 0.034};
    /** Mild GALAH label systematic with Teff, dex per 1000 K about 5500 K. */
    static final double[] TEFF_TREND = {0.010, 0.005, -0.005, 0.005, 0.008};

    private int size;
    private long[] sobjectId = new long[0];
    private long[] gaiaId = new long[0];
    private double[] ra = new double[0];
    private double[] dec = new double[0];
    /** The float32 stellar columns, indexed by the constants below. */
    private float[][] f32 = new float[8][0];
    private int[] flagSp = new int[0];
    private float[][] xfe = new float[ELEMENTS][0];
    private float[][] xfeErr = new float[ELEMENTS][0];
    private int[][] xfeFlag = new int[ELEMENTS][0];

    private static final int TEFF = 0;
    private static final int E_TEFF = 1;
    private static final int LOGG = 2;
    private static final int E_LOGG = 3;
    private static final int FE_H = 4;
    private static final int E_FE_H = 5;
    private static final int VMIC = 6;
    private static final int SNR = 7;

    int size() {
        return size;
    }

    /** One GALAH observation of star {@code s} whose true abundances are {@code trueXfe}. */
    void observe(Star s, double[] trueXfe, SplittableRandom rng) {
        if (size == gaiaId.length) {
            grow(Math.max(1024, size * 2));
        }
        int i = size++;
        sobjectId[i] = sobjectId(i);
        gaiaId[i] = s.gaiaId;
        ra[i] = s.ra;
        dec[i] = s.dec;
        double snr = Star.clip(Star.logNormal(rng, 55.0, 0.55), 3.0, 600.0);
        double eTeff = Math.hypot(40.0, 3000.0 / snr);
        double eLogg = Math.hypot(0.03, 2.5 / snr);
        double eFeh = Math.hypot(0.02, 2.0 / snr);
        f32[TEFF][i] = (float) (s.teff + eTeff * rng.nextGaussian());
        f32[E_TEFF][i] = (float) eTeff;
        f32[LOGG][i] = (float) (s.logg + eLogg * rng.nextGaussian());
        f32[E_LOGG][i] = (float) eLogg;
        f32[FE_H][i] = (float) (s.feh + eFeh * rng.nextGaussian());
        f32[E_FE_H][i] = (float) eFeh;
        double vmic = s.giant ? 1.45 + 0.2 * rng.nextGaussian()
                : 1.05 + 0.35 * (s.teff - 5500) / 1000 + 0.15 * rng.nextGaussian();
        f32[VMIC][i] = (float) Math.max(0.4, vmic);
        f32[SNR][i] = (float) snr;
        flagSp[i] = spectroscopicFlags(s, snr, vmic, rng);
        for (Element e : Element.values()) {
            int k = e.ordinal();
            double err = ERROR_AT_80[k] * Math.sqrt(80.0 / Math.max(snr, 5.0));
            // The measured [X/Fe]: truth, a mild Teff systematic, and noise of the reported size.
            xfe[k][i] = (float) (trueXfe[k] + TEFF_TREND[k] * (s.teff - 5500.0) / 1000.0 + err * rng.nextGaussian());
            xfeErr[k][i] = (float) err;
            xfeFlag[k][i] = abundanceFlags(e, s, rng);
        }
    }

    /** flag_sp bits of DR4: 2048 low S/N, 8192 outside the grid, and the binaries, vsini, χ² warnings. */
    private static int spectroscopicFlags(Star s, double snr, double vmic, SplittableRandom rng) {
        int flag = 0;
        if (snr < 25) {
            flag |= 2048;
        }
        if (s.teff < 3950 || s.teff > 7100) {
            flag |= 8192;
        }
        if (vmic > 2.4) {
            flag |= 64;
        }
        double u = rng.nextDouble();
        if (u < 0.03) {
            flag |= 4; // SB1
        } else if (u < 0.05) {
            flag |= 32; // vsini warning
        } else if (u < 0.06) {
            flag |= 16; // chi2 > 3 sigma
        }
        return flag;
    }

    /** flag_[x]_fe bits: upper limits for O in hot dwarfs, the element-specific warnings, rare fit failures. */
    private static int abundanceFlags(Element e, Star s, SplittableRandom rng) {
        double u = rng.nextDouble();
        if (e == Element.O && !s.giant && s.teff > 6600 && u < 0.5) {
            return 1; // upper limit
        }
        if (u < 0.015) {
            return e == Element.O ? 32 : e == Element.CA ? 64 : 4;
        }
        return 0;
    }

    /** A 15-digit DR4 sobject_id: YYMMDD, 4-digit run, 2-digit combo, 3-digit fibre (392 fibres). */
    private static long sobjectId(int i) {
        int fibre = i % 392 + 1;
        int run = (i / 392) % 40 + 1;
        int night = i / (392 * 40);
        int yy = 14 + night / (12 * 28);
        int mm = night / 28 % 12 + 1;
        int dd = night % 28 + 1;
        return ((((yy * 10000L + mm * 100 + dd) * 10000 + run) * 100 + 2) * 1000) + fibre;
    }

    void write(Path file) throws IOException {
        ColumnStarTable t = ColumnStarTable.makeTableWithRows(size);
        t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.SOBJECT_ID, Long.class, null, "GALAH star id"),
                Arrays.copyOf(sobjectId, size)));
        t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.GAIADR3_SOURCE_ID, Long.class, null, "Gaia DR3 source_id"),
                Arrays.copyOf(gaiaId, size)));
        t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.RA, Double.class, "deg", "Gaia DR3 right ascension"),
                Arrays.copyOf(ra, size)));
        t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.DEC, Double.class, "deg", "Gaia DR3 declination"),
                Arrays.copyOf(dec, size)));
        addFloat(t, GalahColumn.TEFF, TEFF, "K", "effective temperature");
        addFloat(t, GalahColumn.E_TEFF, E_TEFF, "K", "uncertainty of teff");
        addFloat(t, GalahColumn.LOGG, LOGG, "log(cm.s**-2)", "surface gravity");
        addFloat(t, GalahColumn.E_LOGG, E_LOGG, "log(cm.s**-2)", "uncertainty of logg");
        addFloat(t, GalahColumn.FE_H, FE_H, "dex", "[Fe/H]");
        addFloat(t, GalahColumn.E_FE_H, E_FE_H, "dex", "uncertainty of fe_h");
        addFloat(t, GalahColumn.VMIC, VMIC, "km.s**-1", "microturbulence velocity");
        addFloat(t, GalahColumn.SNR_PX_CCD3, SNR, null, "average S/N per pixel of CCD3 (red)");
        t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.FLAG_SP, Integer.class, null, "spectroscopic quality bitmask"),
                Arrays.copyOf(flagSp, size)));
        for (Element e : Element.values()) {
            int k = e.ordinal();
            t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.abundance(e), Float.class, "dex",
                    "[" + e.symbol() + "/Fe]"), Arrays.copyOf(xfe[k], size)));
            t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.error(e), Float.class, "dex",
                    "uncertainty of " + e.key() + "_fe"), Arrays.copyOf(xfeErr[k], size)));
            t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(GalahColumn.flag(e), Integer.class, null,
                    "quality bitmask of " + e.key() + "_fe"), Arrays.copyOf(xfeFlag[k], size)));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            MockSurvey.fitsWriter().writeStarTable(t, out);
        }
    }

    private void addFloat(ColumnStarTable t, GalahColumn c, int k, String unit, String description) {
        t.addColumn(ArrayColumn.makeColumn(MockSurvey.info(c, Float.class, unit, description), Arrays.copyOf(f32[k], size)));
    }

    private void grow(int n) {
        sobjectId = Arrays.copyOf(sobjectId, n);
        gaiaId = Arrays.copyOf(gaiaId, n);
        ra = Arrays.copyOf(ra, n);
        dec = Arrays.copyOf(dec, n);
        for (int k = 0; k < f32.length; k++) {
            f32[k] = Arrays.copyOf(f32[k], n);
        }
        flagSp = Arrays.copyOf(flagSp, n);
        for (int k = 0; k < ELEMENTS; k++) {
            xfe[k] = Arrays.copyOf(xfe[k], n);
            xfeErr[k] = Arrays.copyOf(xfeErr[k], n);
            xfeFlag[k] = Arrays.copyOf(xfeFlag[k], n);
        }
    }
}
