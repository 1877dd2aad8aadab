package org.alphatap.survey.mock;

import java.util.Arrays;
import org.alphatap.survey.Element;

/**
 * The stars whose truth the mock keeps in memory because two files share them: the GALAH×LAMOST
 * overlap and the LAMOST-observed cluster members. Field stars are drawn on the fly instead.
 */
final class TruthStars {
    int size;
    double[] ra = new double[0];
    double[] dec = new double[0];
    long[] gaiaId = new long[0];
    double[] teff = new double[0];
    double[] logg = new double[0];
    double[] feh = new double[0];
    boolean[] giant = new boolean[0];
    /** True [X/Fe] by element ordinal, then star. */
    double[][] xfe = new double[Element.values().length][0];
    /** Median LAMOST S/N of the star's spectra. */
    double[] lamostSnr = new double[0];
    /** Index of the star's cluster in the mock's cluster list, −1 for field stars. */
    int[] cluster = new int[0];

    int add(Star s, double[] abundances, double snrMedian, int clusterIndex) {
        if (size == ra.length) {
            grow(Math.max(1024, size * 2));
        }
        int i = size++;
        ra[i] = s.ra;
        dec[i] = s.dec;
        gaiaId[i] = s.gaiaId;
        teff[i] = s.teff;
        logg[i] = s.logg;
        feh[i] = s.feh;
        giant[i] = s.giant;
        for (int e = 0; e < xfe.length; e++) {
            xfe[e][i] = abundances[e];
        }
        lamostSnr[i] = snrMedian;
        cluster[i] = clusterIndex;
        return i;
    }

    /** Copies star i into {@code s}. */
    void load(int i, Star s) {
        s.ra = ra[i];
        s.dec = dec[i];
        s.gaiaId = gaiaId[i];
        s.teff = teff[i];
        s.logg = logg[i];
        s.feh = feh[i];
        s.giant = giant[i];
        for (int e = 0; e < xfe.length; e++) {
            s.xfe[e] = xfe[e][i];
        }
    }

    private void grow(int n) {
        ra = Arrays.copyOf(ra, n);
        dec = Arrays.copyOf(dec, n);
        gaiaId = Arrays.copyOf(gaiaId, n);
        teff = Arrays.copyOf(teff, n);
        logg = Arrays.copyOf(logg, n);
        feh = Arrays.copyOf(feh, n);
        giant = Arrays.copyOf(giant, n);
        for (int e = 0; e < xfe.length; e++) {
            xfe[e] = Arrays.copyOf(xfe[e], n);
        }
        lamostSnr = Arrays.copyOf(lamostSnr, n);
        cluster = Arrays.copyOf(cluster, n);
    }
}
