package org.alphatap.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HealpixTest {
    @Test
    void baseFacesAreNumberedAsInGorski2005() {
        double capDec = Math.toDegrees(Math.asin(2.0 / 3.0));
        assertEquals(0, Healpix.nestedIndex(0, 45, capDec));
        assertEquals(3, Healpix.nestedIndex(0, 315, capDec));
        assertEquals(4, Healpix.nestedIndex(0, 0, 0));
        assertEquals(5, Healpix.nestedIndex(0, 90, 0));
        assertEquals(7, Healpix.nestedIndex(0, 270, 0));
        assertEquals(8, Healpix.nestedIndex(0, 45, -capDec));
        assertEquals(11, Healpix.nestedIndex(0, 315, -capDec));
    }

    @Test
    void southCornerOfFaceZeroIsPixelZeroAtEveryOrderAsGaiaIdsAssume() {
        // Gaia DR3 source ids below 2^35 (order-12 pixel 0) lie just north of (45°, 0°).
        for (int order = 0; order <= 20; order++) {
            assertEquals(0, Healpix.nestedIndex(order, 45.0, 1e-7), "order " + order);
        }
    }

    @Test
    void polesFallInTheirCaps() {
        for (double ra = 0; ra < 360; ra += 7.5) {
            long north = Healpix.nestedIndex(3, ra, 90);
            long south = Healpix.nestedIndex(3, ra, -90);
            assertTrue(north >> 6 <= 3, "north pole at ra " + ra);
            assertTrue(south >> 6 >= 8, "south pole at ra " + ra);
        }
    }

    @Test
    void nestedIndicesAreHierarchical() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            double ra = 360 * rng.nextDouble();
            double dec = Math.toDegrees(Math.asin(2 * rng.nextDouble() - 1));
            long fine = Healpix.nestedIndex(12, ra, dec);
            assertTrue(fine >= 0 && fine < Healpix.pixelCount(12));
            assertEquals(fine >> 2, Healpix.nestedIndex(11, ra, dec), "at " + ra + ", " + dec);
            assertEquals(fine >> 24, Healpix.nestedIndex(0, ra, dec), "at " + ra + ", " + dec);
        }
    }

    @Test
    void pixelsHaveEqualAreas() {
        int order = 2;
        int[] counts = new int[(int) Healpix.pixelCount(order)];
        SplittableRandom rng = new SplittableRandom(7);
        int n = 1_920_000;
        for (int i = 0; i < n; i++) {
            double ra = 360 * rng.nextDouble();
            double dec = Math.toDegrees(Math.asin(2 * rng.nextDouble() - 1));
            counts[(int) Healpix.nestedIndex(order, ra, dec)]++;
        }
        double expected = (double) n / counts.length; // 10,000, Poisson sd 100
        for (int c : counts) {
            assertEquals(expected, c, 500);
        }
    }
}
