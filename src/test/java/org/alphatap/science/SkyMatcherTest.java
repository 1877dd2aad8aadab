package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.alphatap.survey.Values;
import org.junit.jupiter.api.Test;

class SkyMatcherTest {
    private final SkyMatcher matcher = new SkyMatcher(new long[] {101, 102, Values.MISSING_ID, 104},
            new double[] {10.0, 359.9999, 180.0, 45.0}, new double[] {20.0, 0.0, 89.9999, -30.0}, 1.5);
    private final SkyMatcher.Method[] how = new SkyMatcher.Method[1];

    @Test
    void matchesByGaiaIdFirst() {
        assertEquals(1, matcher.match(102, 50.0, 50.0, how));
        assertEquals(SkyMatcher.Method.GAIA_ID, how[0]);
    }

    @Test
    void fallsBackToPositionWithinTheRadius() {
        assertEquals(0, matcher.match(Values.MISSING_ID, 10.0 + 1.0 / 3600 / Math.cos(Math.toRadians(20)), 20.0, how));
        assertEquals(SkyMatcher.Method.POSITION, how[0]);
        assertEquals(-1, matcher.match(Values.MISSING_ID, 10.0 + 2.0 / 3600 / Math.cos(Math.toRadians(20)), 20.0, how));
        assertEquals(SkyMatcher.Method.NONE, how[0]);
        // An id the target does not know falls back to position too (Gaia DR2 ids that changed in DR3).
        assertEquals(3, matcher.match(999, 45.0, -30.0 + 0.5 / 3600, how));
        assertEquals(SkyMatcher.Method.POSITION, how[0]);
    }

    @Test
    void worksAcrossRaZeroAndNearThePole() {
        assertEquals(1, matcher.nearest(0.0001, 0.0));
        assertEquals(2, matcher.nearest(0.0, 89.99995));
    }
}
