package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.H2Dialect;
import org.alphatap.adql.sql.SqlWriter;
import org.alphatap.sky.Healpix;
import org.alphatap.sky.Sky;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.store.ColumnMetadata;
import org.alphatap.store.TapSchema;
import org.alphatap.store.DdlScript;
import org.alphatap.store.Staging;
import org.alphatap.store.H2Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cones answered through the sky index return exactly the rows a brute-force great-circle test
 * picks, at the poles, across RA 0/360 and for radii up to 180°, in every way of writing them.
 */
class SkyIndexTest {
    private static final int N = 30_000;
    private static final double[][] POINTS = new double[N][];
    private static Connection db;
    /** The catalogue as the service reads it: the sky index is found from the columns' UCDs. */
    private static Catalogue catalogue;

    @BeforeAll
    static void stars(@TempDir Path dir) throws Exception {
        Staging staging = new H2Store(dir).stage(dir);
        db = staging.connection();
        DdlScript.run(db, "/schema/alpha.sql");
        Random rnd = new Random(7);
        try (PreparedStatement ins = db.prepareStatement(
                "INSERT INTO alpha.stars (obsid, ra, dec, hpx8, flags) VALUES (?, ?, ?, ?, 0)")) {
            for (int i = 0; i < N; i++) {
                double ra;
                double dec;
                if (i % 3 == 0) { // a third crowd the poles and RA 0/360
                    ra = (rnd.nextBoolean() ? 0 : 359) + rnd.nextDouble();
                    dec = (rnd.nextBoolean() ? 1 : -1) * (85 + 5 * rnd.nextDouble());
                    dec = i % 2 == 0 ? dec : rnd.nextDouble() * 10 - 5;
                } else {
                    ra = rnd.nextDouble() * 360;
                    dec = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
                }
                POINTS[i] = new double[] {ra, dec};
                ins.setLong(1, i);
                ins.setDouble(2, ra);
                ins.setDouble(3, dec);
                ins.setLong(4, Healpix.nestedIndex(Healpix.INDEX_ORDER, ra, dec));
                ins.addBatch();
            }
            ins.executeBatch();
        }
        DdlScript.run(db, "/schema/alpha-keys.sql");
        TapSchema.publish(staging, ColumnMetadata.load());
        staging.grantReading();
        catalogue = CatalogueReader.read(db);
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void everyFormOfConeMatchesBruteForce() throws Exception {
        double[][] centres = {{150, 30}, {0, 90}, {123, -90}, {0, 0}, {359.95, 2}, {0.05, -88}, {200, 89.9}};
        double[] radii = {0.05, 0.3, 1, 3, 12, 60, 120, 180};
        for (double[] c : centres) {
            for (double r : radii) {
                long truth = bruteForce(c[0], c[1], r);
                String circle = "CIRCLE('ICRS', " + c[0] + ", " + c[1] + ", " + r + ")";
                for (String where : List.of(
                        "1 = CONTAINS(POINT('ICRS', ra, dec), " + circle + ")",
                        "CONTAINS(POINT(s.ra, s.dec), " + circle + ") = 1",
                        "INTERSECTS(" + circle + ", POINT(ra, dec)) = 1",
                        "DISTANCE(POINT(ra, dec), POINT(" + c[0] + ", " + c[1] + ")) <= " + r,
                        r + " >= DISTANCE(" + c[0] + ", " + c[1] + ", s.ra, s.dec)")) {
                    String sql = SqlWriter.toSql(Parser.parse("SELECT COUNT(*) FROM alpha.stars AS s WHERE " + where),
                            catalogue, H2Dialect.INSTANCE);
                    assertEquals(truth, count(sql), where + "\n" + sql);
                    if (r <= 3) {
                        assertTrue(sql.contains("\"HPX8\" IN ("), "small cones use the sky index: " + sql);
                    }
                }
            }
        }
    }

    @Test
    void conesWithinOtherConditionsKeepTheirMeaning() throws Exception {
        String sql = SqlWriter.toSql(Parser.parse("SELECT COUNT(*) FROM alpha.stars WHERE NOT (1 = CONTAINS("
                + "POINT(ra, dec), CIRCLE(0, 90, 10))) OR ra < 10"), catalogue, H2Dialect.INSTANCE);
        long truth = 0;
        for (double[] p : POINTS) {
            truth += !(distance(p[0], p[1], 0, 90) <= 10) || p[0] < 10 ? 1 : 0;
        }
        assertEquals(truth, count(sql), sql);
    }

    @Test
    void theIndexIsUsedByH2() throws Exception {
        String sql = SqlWriter.toSql(Parser.parse("SELECT obsid FROM alpha.stars WHERE 1 = CONTAINS(POINT(ra, dec),"
                + " CIRCLE(150, 30, 0.5))"), catalogue, H2Dialect.INSTANCE);
        try (ResultSet rs = db.createStatement().executeQuery("EXPLAIN " + sql)) {
            rs.next();
            assertTrue(rs.getString(1).contains("STARS_HPX8"), rs.getString(1));
        }
    }

    @Test
    void areasAndCentroidsAreSpherical() throws Exception {
        String sql = SqlWriter.toSql(Parser.parse("SELECT TOP 1 AREA(CIRCLE(0, 90, 90)), AREA(BOX(10, 0, 2, 2)),"
                + " AREA(POLYGON(0, 0, 10, 0, 0, 10)), COORD1(CENTROID(POLYGON(359, -1, 1, -1, 1, 1, 359, 1))),"
                + " COORD2(CENTROID(POLYGON(359, -1, 1, -1, 1, 1, 359, 1))) FROM alpha.stars"), catalogue,
                H2Dialect.INSTANCE);
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            double sqdeg = Math.pow(180 / Math.PI, 2);
            assertEquals(2 * Math.PI * sqdeg, rs.getDouble(1), 1e-6, "a hemisphere");
            assertEquals(Math.toRadians(2) * 2 * Math.sin(Math.toRadians(1)) * sqdeg, rs.getDouble(2), 1e-9);
            // A right spherical triangle with legs a = b: tan(E/2) = tan(a/2) tan(b/2).
            double t = Math.tan(Math.toRadians(5));
            assertEquals(2 * Math.atan(t * t) * sqdeg, rs.getDouble(3), 1e-9);
            assertEquals(0, Math.min(rs.getDouble(4), 360 - rs.getDouble(4)), 1e-9, "centroid across RA 0");
            assertEquals(0, rs.getDouble(5), 1e-9);
        }
    }

    private static long bruteForce(double ra, double dec, double r) {
        long n = 0;
        for (double[] p : POINTS) {
            n += distance(p[0], p[1], ra, dec) <= r ? 1 : 0;
        }
        return n;
    }

    private static double distance(double ra1, double dec1, double ra2, double dec2) {
        return Sky.angle(Sky.unit(ra1, dec1), Sky.unit(ra2, dec2));
    }

    private static long count(String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
