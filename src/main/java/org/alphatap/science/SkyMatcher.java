package org.alphatap.science;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.alphatap.survey.CatalogueColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.Values;

/**
 * Finds the entry of a target catalogue that a source row is: by Gaia DR3 source id when the row
 * has one the target knows, otherwise by position, the nearest target within a radius. Positions
 * are searched in a declination-sorted copy, so a query costs a binary search.
 */
public final class SkyMatcher {
    /** How a row was matched. */
    public enum Method { GAIA_ID, POSITION, NONE }

    private final Map<Long, Integer> byId;
    private final double[] sortedDec;
    private final double[] sortedRa;
    private final int[] sortedIndex;
    private final double radiusDeg;

    /**
     * @param ids        target Gaia ids ({@link Values#MISSING_ID} where none); duplicates keep the first
     * @param ra         target right ascensions, degrees (NaN: not positionally matchable)
     * @param radiusArcsec positional fallback radius
     */
    public SkyMatcher(long[] ids, double[] ra, double[] dec, double radiusArcsec) {
        byId = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (Values.hasId(ids[i])) {
                byId.putIfAbsent(ids[i], i);
            }
        }
        Integer[] order = new Integer[ra.length];
        int n = 0;
        for (int i = 0; i < ra.length; i++) {
            if (!Double.isNaN(ra[i]) && !Double.isNaN(dec[i])) {
                order[n++] = i;
            }
        }
        Integer[] usable = Arrays.copyOf(order, n);
        Arrays.sort(usable, (a, b) -> Double.compare(dec[a], dec[b]));
        sortedIndex = new int[n];
        sortedDec = new double[n];
        sortedRa = new double[n];
        for (int k = 0; k < n; k++) {
            sortedIndex[k] = usable[k];
            sortedDec[k] = dec[usable[k]];
            sortedRa[k] = ra[usable[k]];
        }
        radiusDeg = radiusArcsec / 3600.0;
    }

    /** A matcher on the rows of a catalogue, by its Gaia id and position columns. */
    public static <C extends Enum<C> & CatalogueColumn> SkyMatcher of(ColumnTable<C> targets, C id, C ra, C dec,
            double radiusArcsec) {
        int n = targets.size();
        long[] ids = new long[n];
        double[] ras = new double[n];
        double[] decs = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = targets.id(id, i);
            ras[i] = targets.real(ra, i);
            decs[i] = targets.real(dec, i);
        }
        return new SkyMatcher(ids, ras, decs, radiusArcsec);
    }

    /** The target index of a row with this id and position, or −1; the method goes to {@code how[0]}. */
    public int match(long id, double ra, double dec, Method[] how) {
        if (Values.hasId(id)) {
            Integer i = byId.get(id);
            if (i != null) {
                how[0] = Method.GAIA_ID;
                return i;
            }
        }
        int i = nearest(ra, dec);
        how[0] = i < 0 ? Method.NONE : Method.POSITION;
        return i;
    }

    /**
     * For each target, the LAMOST spectrum of highest {@code snrg} that is the same star, or −1; how
     * every spectrum matched is counted into {@code methods}.
     */
    public int[] bestSpectra(ColumnTable<LamostColumn> lamost, int targets, Map<Method, Integer> methods) {
        int[] best = new int[targets];
        Arrays.fill(best, -1);
        Method[] how = new Method[1];
        for (int r = 0; r < lamost.size(); r++) {
            int i = match(lamost.id(LamostColumn.GAIA_SOURCE_ID, r), lamost.real(LamostColumn.RA, r),
                    lamost.real(LamostColumn.DEC, r), how);
            methods.merge(how[0], 1, Integer::sum);
            if (i >= 0 && (best[i] < 0 || snr(lamost, r) > snr(lamost, best[i]))) {
                best[i] = r;
            }
        }
        return best;
    }

    private static double snr(ColumnTable<LamostColumn> lamost, int r) {
        double s = lamost.real(LamostColumn.SNRG, r);
        return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
    }

    /** The nearest target within the radius, or −1. */
    public int nearest(double ra, double dec) {
        if (Double.isNaN(ra) || Double.isNaN(dec)) {
            return -1;
        }
        int k = lowerBound(dec - radiusDeg);
        int best = -1;
        double bestSep = radiusDeg;
        for (; k < sortedDec.length && sortedDec[k] <= dec + radiusDeg; k++) {
            double sep = separationDeg(ra, dec, sortedRa[k], sortedDec[k]);
            if (sep <= bestSep) {
                bestSep = sep;
                best = sortedIndex[k];
            }
        }
        return best;
    }

    private int lowerBound(double d) {
        int lo = 0;
        int hi = sortedDec.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedDec[mid] < d) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Great-circle separation in degrees (haversine: accurate at arcsecond scales). */
    public static double separationDeg(double ra1, double dec1, double ra2, double dec2) {
        double d1 = Math.toRadians(dec1);
        double d2 = Math.toRadians(dec2);
        double sdd = Math.sin((d2 - d1) / 2);
        double sda = Math.sin(Math.toRadians(ra2 - ra1) / 2);
        double h = sdd * sdd + Math.cos(d1) * Math.cos(d2) * sda * sda;
        return Math.toDegrees(2 * Math.asin(Math.min(1.0, Math.sqrt(h))));
    }
}
