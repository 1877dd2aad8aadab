package org.alphatap.sky;

/** Directions on the sky as unit vectors, and angles between them, in degrees. */
public final class Sky {
    private Sky() {
    }

    public static double[] unit(double raDeg, double decDeg) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        return new double[] {Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)};
    }

    /** The angle between two unit vectors, in degrees, accurate at small and large angles. */
    public static double angle(double[] a, double[] b) {
        double[] c = cross(a, b);
        double sin = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        return Math.toDegrees(Math.atan2(sin, dot(a, b)));
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
