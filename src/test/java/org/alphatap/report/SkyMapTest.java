package org.alphatap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.alphatap.sky.Healpix;
import org.junit.jupiter.api.Test;

/** The Mollweide projection of the sky maps, both ways, and the raster's pixel lookup. */
class SkyMapTest {
    @Test
    void projectingAndProjectingBackReturnsThePosition() {
        for (double ra = 0.5; ra < 360; ra += 7.3) {
            for (double dec = -89; dec <= 89; dec += 4.1) {
                double[] xy = SkyMap.forward(ra, dec);
                double[] back = SkyMap.inverse(xy[0], xy[1]);
                assertEquals(ra, back[0], 1e-6, "ra at " + ra + ", " + dec);
                assertEquals(dec, back[1], 1e-6, "dec at " + ra + ", " + dec);
            }
        }
    }

    @Test
    void theCentreIsRa180AndRaGrowsToTheLeft() {
        assertEquals(0, SkyMap.forward(180, 0)[0], 1e-12);
        assertEquals(true, SkyMap.forward(200, 0)[0] < 0, "east is on the left");
        assertNull(SkyMap.inverse(2.8, 1.0), "a point off the ellipse");
    }

    @Test
    void theRasterColoursOnlyThePixelsWithValues() {
        double[] centre = SkyMap.inverse(2 * Math.sqrt(2) / 1600, -Math.sqrt(2) / 800); // the raster's middle cell
        long pixel = Healpix.nestedIndex(3, centre[0], centre[1]);
        SkyMap.Pixels p = new SkyMap.Pixels(3, new long[] {pixel}, new long[] {10}, Map.of());
        var image = SkyMap.raster(p, new double[] {1.0}, ClusterMap.scale(new double[] {0.0, 1.0}));
        int middle = image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
        assertEquals(ClusterMap.scale(new double[] {0.0, 1.0}).getPaint(1.0), new java.awt.Color(middle, true));
        assertEquals(0, image.getRGB(0, 0) >>> 24, "outside the ellipse is transparent");
    }
}
