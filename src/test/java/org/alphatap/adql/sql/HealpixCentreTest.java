package org.alphatap.adql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.alphatap.sky.Healpix;
import org.alphatap.store.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The SQL of ivo_healpix_center, run on both engines, gives the centres {@link Healpix#center}
 * gives: the first and last pixel of every face and seeded random ones, from order 0 to 29.
 */
class HealpixCentreTest {
    private static final int[] ORDERS = {0, 1, 2, 3, 6, 8, 11, 17, 29};

    @Test
    void centresOnH2() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:centres")) {
            check(c);
        }
    }

    @Test
    void centresOnPostgres() throws Exception {
        try (TestPostgres pg = TestPostgres.create(); Connection c = pg.connect()) {
            check(c);
        }
    }

    private static void check(Connection c) throws Exception {
        Random rnd = new Random(20250611);
        for (int order : ORDERS) {
            long perFace = 1L << 2 * order;
            List<Long> pixels = new ArrayList<>();
            for (long face = 0; face < 12; face++) {
                pixels.add(face * perFace);
                pixels.add(face * perFace + perFace - 1);
            }
            for (int i = 0; i < 40; i++) {
                pixels.add(Math.floorMod(rnd.nextLong(), 12 * perFace));
            }
            for (long pixel : pixels) {
                HealpixCentre centre = new HealpixCentre(order, Long.toString(pixel));
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + centre.ra() + ", "
                        + centre.dec())) {
                    rs.next();
                    double[] expected = Healpix.center(order, pixel);
                    String where = "order " + order + ", pixel " + pixel;
                    assertEquals(expected[0], rs.getDouble(1), 1e-9, "ra at " + where);
                    assertEquals(expected[1], rs.getDouble(2), 1e-9, "dec at " + where);
                }
            }
        }
    }
}
