package org.alphatap.sky;

import java.util.Arrays;

/**
 * The nested HEALPix pixels at one order that may hold points of a cone: a superset, never
 * missing a pixel, found by descending from the 12 base pixels and keeping every pixel whose
 * bounding cap touches the cone. Exact membership is left to the caller's distance test.
 */
public final class ConeCoverage {
    private ConeCoverage() {
    }

    /** Pixels at {@code order} that may contain points within {@code radius} degrees of (ra, dec). */
    public static long[] pixels(int order, double ra, double dec, double radius) {
        double[] centre = Sky.unit(ra, dec);
        double[] bound = new double[order + 1];
        for (int k = 0; k <= order; k++) {
            bound[k] = Healpix.maxPixelRadius(k);
        }
        long[] out = new long[64];
        int[] n = {0};
        for (long base = 0; base < 12; base++) {
            out = descend(0, base, order, centre, radius, bound, out, n);
        }
        long[] found = Arrays.copyOf(out, n[0]);
        Arrays.sort(found);
        return found;
    }

    /** How many pixels the coverage of a cone of this radius has at most, roughly: to pick a plan. */
    public static double expectedCount(int order, double radius) {
        double pixelArea = 41252.96 / Healpix.pixelCount(order);
        double side = Math.sqrt(pixelArea);
        double r = radius + side;
        return Math.PI * r * r / pixelArea;
    }

    private static long[] descend(int k, long pixel, int order, double[] centre, double radius, double[] bound,
            long[] out, int[] n) {
        double[] c = Healpix.center(k, pixel);
        if (Sky.angle(centre, Sky.unit(c[0], c[1])) > radius + bound[k]) {
            return out;
        }
        if (k == order) {
            if (n[0] == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n[0]++] = pixel;
            return out;
        }
        for (int child = 0; child < 4; child++) {
            out = descend(k + 1, pixel * 4 + child, order, centre, radius, bound, out, n);
        }
        return out;
    }
}
