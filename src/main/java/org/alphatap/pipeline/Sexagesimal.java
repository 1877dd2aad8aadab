package org.alphatap.pipeline;

import java.util.Locale;

/** RA and Dec as the paper's Table 1 prints them: 20:43:28.99 and +23:32:18.48. */
final class Sexagesimal {
    private Sexagesimal() {
    }

    static String hours(double raDeg) {
        return format(raDeg / 15.0, false);
    }

    static String degrees(double decDeg) {
        return format(decDeg, true);
    }

    private static String format(double v, boolean signed) {
        double a = Math.abs(v);
        long centi = Math.round(a * 3600 * 100);
        long whole = centi / (3600 * 100);
        long minutes = centi / (60 * 100) % 60;
        double seconds = (centi % (60 * 100)) / 100.0;
        return String.format(Locale.ROOT, "%s%02d:%02d:%05.2f", signed ? (v < 0 ? "-" : "+") : "", whole, minutes, seconds);
    }
}
