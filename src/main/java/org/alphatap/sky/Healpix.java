package org.alphatap.sky;

/**
 * The NESTED HEALPix scheme (Górski et al. 2005), only the parts the project needs: the pixel that
 * contains a direction, a pixel's centre, and a bound on a pixel's size (for cone coverage). Gaia
 * source ids carry the order-12 nested pixel in their top bits, and the sky index of the store
 * uses the same numbering.
 */
public final class Healpix {
    private Healpix() {
    }

    public static final int MAX_ORDER = 29;
    /**
     * The order of every published table's sky index column (UCD pos.healpix): about 0.23°
     * pixels, a few per cone of a tenth of a degree, a few thousand per degree-wide one.
     */
    public static final int INDEX_ORDER = 8;

    /** Number of pixels on the whole sky at the given order: 12·4^order. */
    public static long pixelCount(int order) {
        return 12L << (2 * order);
    }

    /** Nested pixel index at {@code order} of the direction (ra, dec) in degrees. */
    public static long nestedIndex(int order, double raDeg, double decDeg) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("HEALPix order must be 0.." + MAX_ORDER + ", got " + order);
        }
        long nside = 1L << order;
        double z = Math.sin(Math.toRadians(decDeg));
        double za = Math.abs(z);
        double phi = Math.toRadians(raDeg) % (2 * Math.PI);
        if (phi < 0) {
            phi += 2 * Math.PI;
        }
        double tt = phi / (0.5 * Math.PI); // in [0, 4)
        int face;
        long ix;
        long iy;
        if (za <= 2.0 / 3.0) { // equatorial region
            double temp1 = nside * (0.5 + tt);
            double temp2 = nside * (z * 0.75);
            long jp = (long) (temp1 - temp2); // ascending edge line
            long jm = (long) (temp1 + temp2); // descending edge line
            long ifp = jp >> order;
            long ifm = jm >> order;
            if (ifp == ifm) {
                face = (int) (ifp | 4);
            } else if (ifp < ifm) {
                face = (int) ifp;
            } else {
                face = (int) (ifm + 8);
            }
            ix = jm & (nside - 1);
            iy = nside - (jp & (nside - 1)) - 1;
        } else { // polar caps
            int ntt = Math.min(3, (int) tt);
            double tp = tt - ntt;
            double tmp = nside * Math.sqrt(3 * (1 - za));
            long jp = Math.min(nside - 1, (long) (tp * tmp));
            long jm = Math.min(nside - 1, (long) ((1.0 - tp) * tmp));
            if (z >= 0) {
                face = ntt;
                ix = nside - jm - 1;
                iy = nside - jp - 1;
            } else {
                face = ntt + 8;
                ix = jp;
                iy = jm;
            }
        }
        return ((long) face << (2 * order)) + interleave(ix, iy);
    }

    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};

    /** The centre of a nested pixel as {ra, dec} in degrees. */
    public static double[] center(int order, long pixel) {
        long nside = 1L << order;
        int face = (int) (pixel >> (2 * order));
        long inFace = pixel & ((1L << (2 * order)) - 1);
        long ix = compact(inFace);
        long iy = compact(inFace >> 1);
        long jr = JRLL[face] * nside - ix - iy - 1;
        long nr;
        double z;
        int shift;
        if (jr < nside) {
            nr = jr;
            z = 1 - nr * nr / (3.0 * nside * nside);
            shift = 0;
        } else if (jr > 3 * nside) {
            nr = 4 * nside - jr;
            z = nr * nr / (3.0 * nside * nside) - 1;
            shift = 0;
        } else {
            nr = nside;
            z = (2 * nside - jr) * 2.0 / (3.0 * nside);
            shift = (int) ((jr - nside) & 1);
        }
        long jp = (JPLL[face] * nr + ix - iy + 1 + shift) / 2;
        if (jp > 4 * nside) {
            jp -= 4 * nside;
        } else if (jp < 1) {
            jp += 4 * nside;
        }
        double phi = (jp - (shift + 1) * 0.5) * (Math.PI / 2 / nr);
        return new double[] {Math.toDegrees(phi), Math.toDegrees(Math.asin(z))};
    }

    /**
     * An upper bound, in degrees, on the angle from a pixel's centre to any point of the pixel at
     * this order: the largest centre-to-corner distance (Healpix_base::max_pixrad), plus a margin.
     */
    public static double maxPixelRadius(int order) {
        double nside = 1L << order;
        double t = 1 - 1 / nside;
        double[] a = unit(2.0 / 3.0, Math.PI / (4 * nside));
        double[] b = unit(1 - t * t / 3, 0);
        double angle = Math.acos(Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
        return Math.toDegrees(angle) * 1.01 + 1e-9;
    }

    private static double[] unit(double z, double phi) {
        double r = Math.sqrt(1 - z * z);
        return new double[] {r * Math.cos(phi), r * Math.sin(phi), z};
    }

    /** Inverse of {@link #spread}: the even bits of v packed together. */
    private static long compact(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }

    /** Bit interleave: x bits on even positions, y bits on odd positions. */
    private static long interleave(long x, long y) {
        return spread(x) | (spread(y) << 1);
    }

    private static long spread(long v) {
        v &= 0x00000000FFFFFFFFL;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }
}
