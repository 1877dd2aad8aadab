package org.alphatap.adql.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * How many arguments each function of ADQL 2.1 and each declared user-defined function takes,
 * checked as the query is parsed, so that a syntax check alone refuses {@code ABS()}. Names that
 * are not here are left to the checker, which knows the functions this service offers.
 */
final class Arity {
    private static final int ANY = Integer.MAX_VALUE;
    private static final Map<String, int[]> RANGES = new HashMap<>();

    static {
        for (String one : new String[] {"ABS", "ACOS", "ASIN", "ATAN", "CEILING", "COS", "COT", "DEGREES", "EXP",
            "FLOOR", "LOG", "LOG10", "RADIANS", "SIN", "SQRT", "TAN", "LOWER", "UPPER", "SUM", "AVG", "MIN", "MAX",
            "COUNT", "COORD1", "COORD2", "COORDSYS", "AREA", "CENTROID"}) {
            RANGES.put(one, new int[] {1, 1});
        }
        for (String two : new String[] {"ATAN2", "MOD", "POWER", "CONTAINS", "INTERSECTS"}) {
            RANGES.put(two, new int[] {2, 2});
        }
        RANGES.put("PI", new int[] {0, 0});
        RANGES.put("RAND", new int[] {0, 1});
        RANGES.put("ROUND", new int[] {1, 2});
        RANGES.put("TRUNCATE", new int[] {1, 2});
        RANGES.put("COALESCE", new int[] {1, ANY});
        // With or without the coordinate system first; a POINT for a centre counts as one.
        RANGES.put("POINT", new int[] {2, 3});
        RANGES.put("CIRCLE", new int[] {2, 4});
        RANGES.put("BOX", new int[] {3, 5});
        RANGES.put("POLYGON", new int[] {3, ANY});
        RANGES.put("DISTANCE", new int[] {2, 4});
        RANGES.put("IVO_HEALPIX_INDEX", new int[] {2, 3});
        RANGES.put("IVO_HEALPIX_CENTER", new int[] {2, 2});
    }

    private Arity() {
    }

    /** Refuses a call of a known function with a number of arguments it never takes. */
    static void check(String name, int arguments, Token at) throws AdqlSyntaxException {
        int[] range = RANGES.get(name);
        if (range == null || arguments >= range[0] && arguments <= range[1]) {
            return;
        }
        String takes = range[0] == range[1] ? String.valueOf(range[0])
                : range[1] == ANY ? "at least " + range[0] : range[0] + " to " + range[1];
        throw new AdqlSyntaxException(name + " takes " + takes + " argument" + (range[1] == 1 ? "" : "s") + ", not "
                + arguments, at.position());
    }
}
