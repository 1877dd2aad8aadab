package org.alphatap.sky;

/**
 * The NESTED HEALPix scheme (Górski et al. 2005), only the part the project needs: the pixel that
 * contains a direction. Gaia source ids carry the order-12 nested pixel in their top bits, and the
 * sky index of the store uses the same numbering.
 */
public final class Healpix {
    private Healpix() {
    }

    public static final int MAX_ORDER = 29;

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
