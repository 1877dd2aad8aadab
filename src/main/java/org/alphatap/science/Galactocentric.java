package org.alphatap.science;

/**
 * ICRS (ra, dec, distance) to Galactocentric Cartesian X, Y, Z in the frame Hunt &amp; Reffert
 * (2023, 2024) used: astropy's {@code Galactocentric} with its v4.0 defaults. The Sun sits near
 * X = −8122 pc, the Galactic centre at the origin, Z towards the north Galactic pole.
 */
public final class Galactocentric {
    /** Distance of the Sun from the Galactic centre, pc (astropy v4.0, GRAVITY 2018). */
    public static final double R0_PC = 8122.0;
    /** Height of the Sun above the plane, pc (Bennett &amp; Bovy 2019). */
    public static final double Z_SUN_PC = 20.8;
    /** ICRS direction of the Galactic centre (Reid &amp; Brunthaler 2004), degrees. */
    public static final double GC_RA_DEG = 266.4051;
    public static final double GC_DEC_DEG = -28.936175;
    /** Roll that puts the north Galactic pole on +Z, degrees. */
    public static final double ROLL_DEG = 58.5986320306;

    private static final double[][] ROTATION = rotation();
    /** Tilt about Y that lifts the Sun Z_SUN above the plane. */
    private static final double[][] TILT = passiveY(-Math.asin(Z_SUN_PC / R0_PC));

    private Galactocentric() {
    }

    /** X, Y, Z in pc of a source at (ra, dec) degrees and distance pc. */
    public static double[] xyz(double raDeg, double decDeg, double distancePc) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double[] icrs = {
            distancePc * Math.cos(dec) * Math.cos(ra),
            distancePc * Math.cos(dec) * Math.sin(ra),
            distancePc * Math.sin(dec)
        };
        double[] g = multiply(ROTATION, icrs);
        g[0] -= R0_PC;
        return multiply(TILT, g);
    }

    /** The paper's R_GC: the 3-D (spherical) Galactocentric distance in pc. */
    public static double sphericalRadius(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static double[][] rotation() {
        double[][] rz = passiveZ(Math.toRadians(GC_RA_DEG));
        double[][] ry = passiveY(-Math.toRadians(GC_DEC_DEG));
        double[][] rx = passiveX(Math.toRadians(ROLL_DEG));
        return multiply(rx, multiply(ry, rz));
    }

    private static double[][] passiveX(double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[][] {{1, 0, 0}, {0, c, s}, {0, -s, c}};
    }

    private static double[][] passiveY(double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[][] {{c, 0, -s}, {0, 1, 0}, {s, 0, c}};
    }

    private static double[][] passiveZ(double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[][] {{c, s, 0}, {-s, c, 0}, {0, 0, 1}};
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return r;
    }

    private static double[] multiply(double[][] a, double[] v) {
        return new double[] {
            a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
            a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
            a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
        };
    }
}
