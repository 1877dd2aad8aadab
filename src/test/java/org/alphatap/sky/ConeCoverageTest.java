package org.alphatap.sky;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConeCoverageTest {
    @Test
    void aPixelCentreLiesInThatPixel() {
        Random rnd = new Random(3);
        for (int order : new int[] {0, 1, 4, 8, 12}) {
            for (int i = 0; i < 2000; i++) {
                long p = (long) (rnd.nextDouble() * Healpix.pixelCount(order));
                double[] c = Healpix.center(order, p);
                assertEquals(p, Healpix.nestedIndex(order, c[0], c[1]), "order " + order + " pixel " + p);
            }
        }
    }

    @Test
    void everyPointOfAPixelIsWithinTheBoundOfItsCentre() {
        Random rnd = new Random(4);
        for (int order : new int[] {0, 2, 8}) {
            double bound = Healpix.maxPixelRadius(order);
            for (int i = 0; i < 100_000; i++) {
                double ra = rnd.nextDouble() * 360;
                double dec = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
                double[] c = Healpix.center(order, Healpix.nestedIndex(order, ra, dec));
                assertTrue(Sky.angle(Sky.unit(ra, dec), Sky.unit(c[0], c[1])) <= bound, "order " + order);
            }
        }
    }

    @Test
    void theCoverageHoldsEveryPointOfTheCone() {
        Random rnd = new Random(5);
        double[][] centres = {{10, 20}, {0, 90}, {0, -90}, {359.99, 0}, {45, 41.8}};
        for (double[] c : centres) {
            for (double r : new double[] {0.01, 0.5, 5, 50}) {
                long[] pixels = ConeCoverage.pixels(8, c[0], c[1], r);
                for (int i = 0; i < 5000; i++) {
                    double ra = rnd.nextDouble() * 360;
                    double dec = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
                    // Pull the random point into the cone along the great circle from the centre.
                    double[] u = Sky.unit(c[0], c[1]);
                    double[] v = Sky.unit(ra, dec);
                    double f = rnd.nextDouble() * r / Math.max(r, Sky.angle(u, v));
                    double[] w = slerp(u, v, f);
                    double pr = Math.toDegrees(Math.atan2(w[1], w[0]));
                    double pd = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, w[2]))));
                    long pix = Healpix.nestedIndex(8, pr, pd);
                    assertTrue(Arrays.binarySearch(pixels, pix) >= 0, "cone " + Arrays.toString(c) + " r=" + r);
                }
            }
        }
    }

    @Test
    void theWholeSkyIsEveryPixel() {
        long[] all = ConeCoverage.pixels(3, 12, 34, 180);
        long[] expected = new long[(int) Healpix.pixelCount(3)];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, all);
    }

    private static double[] slerp(double[] a, double[] b, double t) {
        double omega = Math.acos(Math.max(-1, Math.min(1, Sky.dot(a, b))));
        if (omega < 1e-12) {
            return a;
        }
        double s = Math.sin(omega);
        double x = Math.sin((1 - t) * omega) / s;
        double y = Math.sin(t * omega) / s;
        return new double[] {x * a[0] + y * b[0], x * a[1] + y * b[1], x * a[2] + y * b[2]};
    }
}
