package org.alphatap.survey;

/**
 * Conversions from what a FITS or CSV cell holds to the compact values the project keeps. Missing
 * values arrive in several disguises: FITS NaN or TNULL, LAMOST's −9999 (sometimes −999), the
 * string "nan" in the UCC compilation, and blank CSV cells. All become NaN, {@link #MISSING_ID} or
 * {@link #MISSING_INT}.
 */
public final class Values {
    /** Anything at or below this in a physical column is a survey sentinel, not a value. */
    public static final double SENTINEL_CEILING = -900.0;
    public static final long MISSING_ID = Long.MIN_VALUE;
    public static final int MISSING_INT = Integer.MIN_VALUE;

    private Values() {
    }

    /** A measurement, or NaN when the cell is missing or a sentinel; throws on text that is not a number. */
    public static double measurement(Object cell) {
        double v = coordinate(cell);
        return v <= SENTINEL_CEILING ? Double.NaN : v;
    }

    /**
     * A coordinate (position, Galactocentric X/Y/Z, distance), or NaN when missing. No sentinel
     * rule here: X = −8200 pc is a real value.
     */
    public static double coordinate(Object cell) {
        double v;
        if (cell == null) {
            return Double.NaN;
        } else if (cell instanceof Number n) {
            v = n.doubleValue();
        } else {
            String s = cell.toString().trim();
            if (isBlankOrNan(s)) {
                return Double.NaN;
            }
            v = Double.parseDouble(s);
        }
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** An identifier, or {@link #MISSING_ID}; strings of digits are accepted (LAMOST's Gaia ids). */
    public static long id(Object cell) {
        if (cell == null) {
            return MISSING_ID;
        }
        if (cell instanceof Double || cell instanceof Float) {
            double d = ((Number) cell).doubleValue();
            if (!Double.isFinite(d) || d <= SENTINEL_CEILING) {
                return MISSING_ID;
            }
            if (d != Math.rint(d)) {
                throw new NumberFormatException("'" + cell + "' is not a whole number");
            }
            return (long) d;
        }
        if (cell instanceof Number n) {
            long v = n.longValue();
            return v <= SENTINEL_CEILING ? MISSING_ID : v;
        }
        String s = cell.toString().trim();
        if (isBlankOrNan(s)) {
            return MISSING_ID;
        }
        long v = Long.parseLong(s);
        return v <= SENTINEL_CEILING ? MISSING_ID : v;
    }

    /** A flag or count, or {@link #MISSING_INT}. */
    public static int integer(Object cell) {
        if (cell == null) {
            return MISSING_INT;
        }
        long v;
        if (cell instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return MISSING_INT;
            }
            v = n.longValue();
        } else {
            String s = cell.toString().trim();
            if (isBlankOrNan(s)) {
                return MISSING_INT;
            }
            v = Math.round(Double.parseDouble(s));
        }
        if (v <= SENTINEL_CEILING || v > Integer.MAX_VALUE) {
            return MISSING_INT;
        }
        return (int) v;
    }

    /** Trimmed text, or null when blank. */
    public static String text(Object cell) {
        if (cell == null) {
            return null;
        }
        String s = cell.toString().trim();
        return s.isEmpty() ? null : s;
    }

    public static boolean hasId(long id) {
        return id != MISSING_ID;
    }

    private static boolean isBlankOrNan(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("null") || s.equals("--");
    }
}
