package org.alphatap.adql.sql;

/**
 * ivo_healpix_center(order, index) in plain SQL, the same on every engine: the centre of a NESTED
 * pixel (as {@code Healpix.center} computes it) from integer division, MOD and ASIN. The order is
 * a constant, so the pixel's bits are taken apart by a sum of {@code order} terms, and the three
 * zones of the sphere (north polar cap, equatorial belt, south polar cap) are a CASE each.
 */
final class HealpixCentre {
    private final long nside;
    private final String face;
    private final String ix;
    private final String iy;
    private final String jr;

    /** {@code pixel} is the SQL of the pixel number, used several times over. */
    HealpixCentre(int order, String pixel) {
        nside = 1L << order;
        long perFace = nside * nside;
        String p = "(" + pixel + ")";
        face = "(" + p + " / " + big(perFace) + ")";
        String inFace = "MOD(" + p + ", " + big(perFace) + ")";
        ix = bits(inFace, 1, order);
        iy = bits(inFace, 2, order);
        jr = "((2 + " + face + " / 4) * " + big(nside) + " - " + ix + " - " + iy + " - 1)";
    }

    /** The sum of the bits of {@code value} at positions 2b (first = 1) or 2b + 1 (first = 2). */
    private static String bits(String value, long first, int order) {
        if (order == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < order; k++) {
            b.append(k == 0 ? "" : " + ").append("MOD(").append(value).append(" / ").append(big(first << 2 * k))
                    .append(", 2) * ").append(big(1L << k));
        }
        return b.append(')').toString();
    }

    /** The pixel centre's RA, in degrees [0, 360). */
    String ra() {
        return "CASE WHEN " + jr + " < " + nside + " THEN " + phi(jr, "0") + " WHEN " + jr + " > " + 3 * nside
                + " THEN " + phi("(" + big(4 * nside) + " - " + jr + ")", "0") + " ELSE " + phi(big(nside),
                        "MOD(" + jr + " - " + big(nside) + ", 2)") + " END";
    }

    /** The pixel centre's Dec, in degrees. */
    String dec() {
        double n3 = 3.0 * nside * nside;
        return "DEGREES(ASIN(CASE WHEN " + jr + " < " + nside + " THEN 1 - " + jr + " * " + jr + " / " + real(n3)
                + " WHEN " + jr + " > " + 3 * nside + " THEN (" + big(4 * nside) + " - " + jr + ") * (" + big(4 * nside)
                + " - " + jr + ") / " + real(n3) + " - 1 ELSE (" + big(2 * nside) + " - " + jr + ") * 2 / "
                + real(3.0 * nside)
                + " END))";
    }

    /** The longitude for ring number {@code nr} of the zone and its half-pixel {@code shift}, in degrees. */
    private String phi(String nr, String shift) {
        // The first pixel of the ring in this face: 2 * (face mod 4) + 1, less one in the equatorial row of faces.
        String jpll = "(2 * MOD(" + face + ", 4) + 1 - CASE WHEN " + face + " / 4 = 1 THEN 1 ELSE 0 END)";
        String jp = "((" + jpll + " * " + nr + " + " + ix + " - " + iy + " + 1 + " + shift + ") / 2)";
        String wrapped = "(CASE WHEN " + jp + " > " + 4 * nside + " THEN " + jp + " - " + big(4 * nside) + " WHEN "
                + jp + " < 1 THEN " + jp + " + " + big(4 * nside) + " ELSE " + jp + " END)";
        return "DEGREES((" + wrapped + " - (" + shift + " + 1) * " + real(0.5) + ") * (PI() / 2 / " + nr + "))";
    }

    /** An integer constant as a BIGINT: the engines take a small literal as INTEGER, and products overflow it. */
    private static String big(long v) {
        return "CAST(" + v + " AS BIGINT)";
    }

    private static String real(double v) {
        return SqlWriter.number(Double.toString(v));
    }
}
