package org.alphatap.adql.sql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alphatap.adql.ast.Expr;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.sky.ConeCoverage;
import org.alphatap.sky.Sky;

/**
 * ADQL geometry as H2 SQL. Geometries are not values here: POINT, CIRCLE, BOX, POLYGON and
 * CENTROID are shapes read at translation time and written out as the exact spherical condition
 * or number a function asks for (ICRS, degrees). BOX is aligned with RA and Dec, as in pgSphere;
 * POLYGON must be convex with constant vertices. A cone on the position of a table with a sky
 * index is written with the index's HEALPix pixels first, so the engine looks up a few pixels instead of
 * scanning the table; the exact distance test follows, so the answer is the same.
 */
final class SkyGeometry {
    /** Cones wider than this many index pixels fall back to a declination band. */
    private static final double MAX_PIXELS = 4000;
    /** ½ as a DOUBLE (see {@link SqlWriter#number}). */
    private static final String HALF = literal(0.5);

    /** Writes a (non-geometry) expression. */
    interface Writer {
        void write(Expr e, StringBuilder b) throws AdqlException;
    }

    /** A sky index column as SQL, and its HEALPix order. */
    record Indexed(String sql, int order) {
    }

    /** The sky index column of the table that holds (ra, dec), or null. */
    interface Index {
        Indexed column(Expr ra, Expr dec);
    }

    sealed interface Shape {
    }

    record Point(Expr ra, Expr dec) implements Shape {
    }

    record Circle(Expr ra, Expr dec, Expr radius) implements Shape {
    }

    record Box(Expr ra, Expr dec, Expr width, Expr height) implements Shape {
    }

    /** A convex polygon: its vertices as unit vectors, counter-clockwise seen from outside. */
    record Polygon(List<double[]> vertices) implements Shape {
    }

    private final Writer writer;
    private final Index index;

    SkyGeometry(Writer writer, Index index) {
        this.writer = writer;
        this.index = index;
    }

    /** The geometry functions that return numbers or strings. */
    void function(Expr.Function f, StringBuilder b) throws AdqlException {
        List<Expr> a = f.arguments();
        switch (f.name()) {
            case "DISTANCE" -> {
                if (a.size() == 4) {
                    haversine(new Point(a.get(0), a.get(1)), new Point(a.get(2), a.get(3)), b);
                } else if (a.size() == 2) {
                    haversine(point(a.get(0), f), point(a.get(1), f), b);
                } else {
                    throw new AdqlException("DISTANCE takes two POINTs or four numbers (ra1, dec1, ra2, dec2)",
                            f.position());
                }
            }
            case "CONTAINS", "INTERSECTS" -> {
                b.append("CASE WHEN ");
                condition(f, b);
                b.append(" THEN 1 ELSE 0 END");
            }
            case "COORD1", "COORD2" -> {
                arity(f, 1);
                Point p = point(a.get(0), f);
                writer.write(f.name().equals("COORD1") ? p.ra() : p.dec(), b);
            }
            case "COORDSYS" -> {
                arity(f, 1);
                shape(a.get(0));
                b.append("'ICRS'");
            }
            case "AREA" -> {
                arity(f, 1);
                area(shape(a.get(0)), f, b);
            }
            default -> throw new AdqlException(f.name() + " makes a geometry, which cannot be a result column or"
                    + " compared here; use it inside CONTAINS, INTERSECTS, DISTANCE, AREA or COORD1/COORD2",
                    f.position());
        }
    }

    /**
     * Writes {@code c} if it is a cone test on an indexed position (CONTAINS(...) = 1, DISTANCE(...)
     * < r and their mirrored forms) as the index condition plus the exact test; returns false, writing
     * nothing, for anything else.
     */
    boolean indexedComparison(Expr.Binary c, StringBuilder b) throws AdqlException {
        Expr.Function f = null;
        Expr other = null;
        String op = c.operator();
        if (c.left() instanceof Expr.Function l && isGeometry(l)) {
            f = l;
            other = c.right();
        } else if (c.right() instanceof Expr.Function r && isGeometry(r)) {
            f = r;
            other = c.left();
            op = switch (op) {
                case "<" -> ">";
                case ">" -> "<";
                case "<=" -> ">=";
                case ">=" -> "<=";
                default -> op;
            };
        }
        if (f == null) {
            return false;
        }
        Double value = constant(other);
        if (f.name().equals("DISTANCE") && (op.equals("<") || op.equals("<=")) && value != null) {
            List<Expr> a = f.arguments();
            Point p = a.size() == 4 ? new Point(a.get(0), a.get(1)) : a.size() == 2 ? point(a.get(0), f) : null;
            Point q = a.size() == 4 ? new Point(a.get(2), a.get(3)) : a.size() == 2 ? point(a.get(1), f) : null;
            return p != null && cone(p, q, value, op, b);
        }
        if ((f.name().equals("CONTAINS") || f.name().equals("INTERSECTS")) && op.equals("=")
                && value != null && value == 1 && f.arguments().size() == 2) {
            Shape s = shape(f.arguments().get(0));
            Shape t = shape(f.arguments().get(1));
            if (s instanceof Circle circle && t instanceof Point && f.name().equals("INTERSECTS")) {
                Shape swap = s;
                s = t;
                t = swap;
            }
            if (s instanceof Point p && t instanceof Circle circle && constant(circle.radius()) != null) {
                return cone(p, new Point(circle.ra(), circle.dec()), constant(circle.radius()), "<=", b);
            }
        }
        return false;
    }

    /**
     * A cone around a constant centre is written as the pixels of the sky index; a cone around a
     * position that varies (a cross-match with another table) as a declination band, which the
     * index on dec answers for each row of the other table.
     */
    private boolean cone(Point p, Point q, double radius, String op, StringBuilder b) throws AdqlException {
        Point indexed = index.column(p.ra(), p.dec()) != null ? p : index.column(q.ra(), q.dec()) != null ? q : null;
        if (indexed == null) {
            return false;
        }
        Point centre = indexed == p ? q : p;
        Double ra = constant(centre.ra());
        Double dec = constant(centre.dec());
        b.append('(');
        Indexed column = index.column(indexed.ra(), indexed.dec());
        if (ra != null && dec != null && ConeCoverage.expectedCount(column.order(), radius) <= MAX_PIXELS) {
            long[] pixels = ConeCoverage.pixels(column.order(), ra, dec, radius);
            b.append(column.sql()).append(" IN (");
            for (int i = 0; i < pixels.length; i++) {
                b.append(i == 0 ? "" : ", ").append(pixels[i]);
            }
            b.append(pixels.length == 0 ? "NULL" : "").append(") AND ");
        } else {
            writer.write(indexed.dec(), b);
            b.append(" BETWEEN ");
            writer.write(centre.dec(), b);
            b.append(" - ").append(literal(radius)).append(" AND ");
            writer.write(centre.dec(), b);
            b.append(" + ").append(literal(radius)).append(" AND ");
        }
        if (radius < 180) {
            // d op r ⇔ h op sin²(r/2), h the haversine of d, which grows with d from 0 to 180°: the
            // test per row needs neither ASIN, SQRT nor the clamp of DISTANCE (one cone in ten rows).
            haversineOf(p, q, b);
            double half = Math.sin(Math.toRadians(radius) / 2);
            b.append(' ').append(op).append(' ').append(literal(half * half));
        } else {
            haversine(p, q, b);
            b.append(' ').append(op).append(' ').append(literal(radius));
        }
        b.append(')');
        return true;
    }

    /** CONTAINS or INTERSECTS as a condition. */
    private void condition(Expr.Function f, StringBuilder b) throws AdqlException {
        arity(f, 2);
        Shape a = shape(f.arguments().get(0));
        Shape r = shape(f.arguments().get(1));
        if (f.name().equals("INTERSECTS") && r instanceof Point && !(a instanceof Point)) {
            Shape swap = a;
            a = r;
            r = swap;
        }
        if (a instanceof Point p) {
            inside(p, r, f, b);
        } else if (a instanceof Circle c && r instanceof Circle d) {
            // Circle in circle: centre distance plus own radius within the other's radius; for
            // INTERSECTS, centre distance within the sum of the radii.
            b.append('(');
            haversine(new Point(c.ra(), c.dec()), new Point(d.ra(), d.dec()), b);
            b.append(f.name().equals("CONTAINS") ? " + " : " <= ");
            writer.write(f.name().equals("CONTAINS") ? c.radius() : d.radius(), b);
            b.append(f.name().equals("CONTAINS") ? " <= " : " + ");
            writer.write(f.name().equals("CONTAINS") ? d.radius() : c.radius(), b);
            b.append(')');
        } else {
            throw new AdqlException(f.name() + " is supported here for a POINT in a CIRCLE, BOX or POLYGON, and"
                    + " for two CIRCLEs", f.position());
        }
    }

    private void inside(Point p, Shape region, Expr.Function f, StringBuilder b) throws AdqlException {
        if (region instanceof Circle c) {
            b.append('(');
            haversine(p, new Point(c.ra(), c.dec()), b);
            b.append(" <= ");
            writer.write(c.radius(), b);
            b.append(')');
        } else if (region instanceof Box x) {
            // |dec - centre dec| <= height/2, and RA within width/2 of the centre, across RA 0/360:
            // the RA difference d is wrapped into [-180, 180) as d - 360 FLOOR((d + 180) / 360),
            // arithmetic every engine does alike on doubles (MOD of doubles is H2's, not SQL's).
            b.append("(ABS(");
            writer.write(p.dec(), b);
            b.append(" - ");
            writer.write(x.dec(), b);
            b.append(") <= (");
            writer.write(x.height(), b);
            b.append(") * ").append(HALF).append(" AND ABS(");
            raDifference(p, x, b);
            b.append(" - 360 * FLOOR((");
            raDifference(p, x, b);
            b.append(" + 180) / 360)) <= (");
            writer.write(x.width(), b);
            b.append(") * ").append(HALF).append(")");
        } else if (region instanceof Polygon poly) {
            List<double[]> v = poly.vertices();
            b.append('(');
            for (int i = 0; i < v.size(); i++) {
                double[] n = Sky.cross(v.get(i), v.get((i + 1) % v.size()));
                b.append(i == 0 ? "" : " AND ").append("(COS(RADIANS(");
                writer.write(p.dec(), b);
                b.append(")) * (COS(RADIANS(");
                writer.write(p.ra(), b);
                b.append(")) * ").append(literal(n[0])).append(" + SIN(RADIANS(");
                writer.write(p.ra(), b);
                b.append(")) * ").append(literal(n[1])).append(") + SIN(RADIANS(");
                writer.write(p.dec(), b);
                b.append(")) * ").append(literal(n[2])).append(" >= 0)");
            }
            b.append(')');
        } else {
            throw new AdqlException(f.name() + " needs a region (CIRCLE, BOX or POLYGON) as its second argument",
                    f.position());
        }
    }

    private void area(Shape s, Expr.Function f, StringBuilder b) throws AdqlException {
        String sr2deg = " * POWER(180 / PI(), 2)";
        if (s instanceof Circle c) {
            b.append("(2 * PI() * (1 - COS(RADIANS(");
            writer.write(c.radius(), b);
            b.append(")))").append(sr2deg).append(')');
        } else if (s instanceof Box x) {
            b.append("(RADIANS(");
            writer.write(x.width(), b);
            b.append(") * (SIN(RADIANS(LEAST(90, ");
            writer.write(x.dec(), b);
            b.append(" + (");
            writer.write(x.height(), b);
            b.append(") * ").append(HALF).append("))) - SIN(RADIANS(GREATEST(-90, ");
            writer.write(x.dec(), b);
            b.append(" - (");
            writer.write(x.height(), b);
            b.append(") * ").append(HALF).append("))))").append(sr2deg).append(')');
        } else if (s instanceof Polygon p) {
            b.append(literal(Math.toDegrees(Math.toDegrees(solidAngle(p.vertices())))));
        } else {
            throw new AdqlException("AREA of a POINT is 0; AREA takes a CIRCLE, BOX or POLYGON", f.position());
        }
    }

    /** The point's RA less the box centre's, unwrapped, in parentheses. */
    private void raDifference(Point p, Box x, StringBuilder b) throws AdqlException {
        b.append('(');
        writer.write(p.ra(), b);
        b.append(" - ");
        writer.write(x.ra(), b);
        b.append(')');
    }

    /** The distance from p to q in degrees. */
    private void haversine(Point p, Point q, StringBuilder b) throws AdqlException {
        b.append("DEGREES(2 * ASIN(LEAST(CAST(1 AS DOUBLE PRECISION), SQRT(");
        haversineOf(p, q, b);
        b.append("))))");
    }

    /** The haversine of the distance from p to q, sin²(d/2). */
    private void haversineOf(Point p, Point q, StringBuilder b) throws AdqlException {
        b.append("(POWER(SIN(RADIANS(");
        writer.write(q.dec(), b);
        b.append(" - ");
        writer.write(p.dec(), b);
        b.append(") / 2), 2) + COS(RADIANS(");
        writer.write(p.dec(), b);
        b.append(")) * COS(RADIANS(");
        writer.write(q.dec(), b);
        b.append(")) * POWER(SIN(RADIANS(");
        writer.write(q.ra(), b);
        b.append(" - ");
        writer.write(p.ra(), b);
        b.append(") / 2), 2))");
    }

    /** A computed constant as a DOUBLE literal (see {@link SqlWriter#number}). */
    private static String literal(double v) {
        return SqlWriter.number(Double.toString(v));
    }

    static boolean isGeometry(Expr.Function f) {
        return SqlWriter.GEOMETRY.contains(f.name());
    }

    private Point point(Expr e, Expr.Function in) throws AdqlException {
        if (shape(e) instanceof Point p) {
            return p;
        }
        throw new AdqlException(in.name() + " needs a POINT here", e.position());
    }

    /** The shape an argument describes: POINT, CIRCLE, BOX, POLYGON or CENTROID(...). */
    Shape shape(Expr e) throws AdqlException {
        if (!(e instanceof Expr.Function f)) {
            throw new AdqlException("a geometry (POINT, CIRCLE, BOX, POLYGON) is needed here", e.position());
        }
        List<Expr> a = frameless(f);
        switch (f.name()) {
            case "POINT" -> {
                if (a.size() == 2) {
                    return new Point(a.get(0), a.get(1));
                }
                throw new AdqlException("POINT takes [frame,] ra, dec", f.position());
            }
            case "CIRCLE" -> {
                if (a.size() == 3) {
                    return new Circle(a.get(0), a.get(1), a.get(2));
                }
                if (a.size() == 2 && shape(a.get(0)) instanceof Point p) {
                    return new Circle(p.ra(), p.dec(), a.get(1));
                }
                throw new AdqlException("CIRCLE takes [frame,] ra, dec, radius or a POINT and a radius", f.position());
            }
            case "BOX" -> {
                if (a.size() == 4) {
                    return new Box(a.get(0), a.get(1), a.get(2), a.get(3));
                }
                if (a.size() == 3 && shape(a.get(0)) instanceof Point p) {
                    return new Box(p.ra(), p.dec(), a.get(1), a.get(2));
                }
                throw new AdqlException("BOX takes [frame,] ra, dec, width, height", f.position());
            }
            case "POLYGON" -> {
                return polygon(f, a);
            }
            case "IVO_HEALPIX_CENTER" -> {
                arity(f, 2);
                SqlWriter.healpixOrder(f.arguments().get(0), f);
                return new Point(new Expr.Function(SqlWriter.HEALPIX_CENTRE_RA, f.arguments(), false, false,
                        f.position()), new Expr.Function(SqlWriter.HEALPIX_CENTRE_DEC, f.arguments(), false, false,
                        f.position()));
            }
            case "CENTROID" -> {
                arity(f, 1);
                Shape s = shape(f.arguments().get(0));
                if (s instanceof Circle c) {
                    return new Point(c.ra(), c.dec());
                }
                if (s instanceof Box x) {
                    return new Point(x.ra(), x.dec());
                }
                if (s instanceof Polygon p) {
                    double[] sum = new double[3];
                    for (double[] v : p.vertices()) {
                        sum = new double[] {sum[0] + v[0], sum[1] + v[1], sum[2] + v[2]};
                    }
                    double ra = (Math.toDegrees(Math.atan2(sum[1], sum[0])) + 360) % 360;
                    double dec = Math.toDegrees(Math.atan2(sum[2], Math.hypot(sum[0], sum[1])));
                    return new Point(number(ra, f), number(dec, f));
                }
                return s;
            }
            default -> throw new AdqlException(f.name() + " is not a geometry; a POINT, CIRCLE, BOX or POLYGON is"
                    + " needed here", f.position());
        }
    }

    private Polygon polygon(Expr.Function f, List<Expr> a) throws AdqlException {
        List<double[]> v = new ArrayList<>();
        boolean points = !a.isEmpty() && a.stream().allMatch(x -> x instanceof Expr.Function);
        for (int i = 0; i < a.size(); i += points ? 1 : 2) {
            Expr ra = points ? point(a.get(i), f).ra() : a.get(i);
            Expr dec = points ? point(a.get(i), f).dec() : i + 1 < a.size() ? a.get(i + 1) : null;
            Double r = constant(ra);
            Double d = dec == null ? null : constant(dec);
            if (r == null || d == null) {
                throw new AdqlException("POLYGON takes [frame,] then pairs of constant ra, dec (or POINTs of"
                        + " constants) here", f.position());
            }
            v.add(Sky.unit(r, d));
        }
        if (v.size() < 3) {
            throw new AdqlException("POLYGON needs at least three vertices", f.position());
        }
        int side = 0;
        for (int i = 0; i < v.size(); i++) {
            double[] n = Sky.cross(v.get(i), v.get((i + 1) % v.size()));
            for (double[] w : v) {
                double s = Sky.dot(n, w);
                int sign = s > 1e-12 ? 1 : s < -1e-12 ? -1 : 0;
                if (sign != 0 && side != 0 && sign != side) {
                    throw new AdqlException("POLYGON must be convex here (its edges must not cross or turn"
                            + " both ways)", f.position());
                }
                side = side == 0 ? sign : side;
            }
        }
        if (side < 0) {
            java.util.Collections.reverse(v);
        }
        return new Polygon(v);
    }

    /** Solid angle of a convex spherical polygon, in steradians, as a fan of triangles. */
    private static double solidAngle(List<double[]> v) {
        double total = 0;
        for (int i = 1; i + 1 < v.size(); i++) {
            double[] a = v.get(0);
            double[] b = v.get(i);
            double[] c = v.get(i + 1);
            double triple = Math.abs(Sky.dot(a, Sky.cross(b, c)));
            total += 2 * Math.atan2(triple, 1 + Sky.dot(a, b) + Sky.dot(b, c) + Sky.dot(c, a));
        }
        return total;
    }

    /** The arguments without a leading coordinate-system string, which must be ICRS or empty. */
    private static List<Expr> frameless(Expr.Function f) throws AdqlException {
        List<Expr> a = f.arguments();
        if (!a.isEmpty() && a.get(0) instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.STRING) {
            String frame = l.text().trim().toUpperCase(Locale.ROOT);
            if (!frame.isEmpty() && !frame.startsWith("ICRS")) {
                throw new AdqlException("coordinate system '" + l.text() + "' is not supported; positions here are"
                        + " ICRS: use 'ICRS' or ''", l.position());
            }
            return a.subList(1, a.size());
        }
        return a;
    }

    private static void arity(Expr.Function f, int n) throws AdqlException {
        if (f.arguments().size() != n) {
            throw new AdqlException(f.name() + " takes " + n + " argument" + (n == 1 ? "" : "s"), f.position());
        }
    }

    private static Expr number(double v, Expr.Function at) {
        return new Expr.Literal(Expr.Literal.Kind.NUMBER, Double.toString(v), at.position());
    }

    /**
     * The value of a constant numeric expression (numbers, + − * /, parentheses), or null; null too
     * when it is not finite, as NaN and Infinity have no SQL literal to be written as.
     */
    static Double constant(Expr e) {
        Double v = value(e);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    private static Double value(Expr e) {
        if (e instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.NUMBER) {
            String t = l.text();
            return t.startsWith("0x") || t.startsWith("0X") ? new BigInteger(t.substring(2), 16).doubleValue()
                    : Double.parseDouble(t);
        }
        if (e instanceof Expr.Unary u) {
            Double v = value(u.operand());
            return v == null ? null : u.operator().equals("-") ? -v : v;
        }
        if (e instanceof Expr.Binary x) {
            Double l = value(x.left());
            Double r = value(x.right());
            if (l == null || r == null) {
                return null;
            }
            return switch (x.operator()) {
                case "+" -> l + r;
                case "-" -> l - r;
                case "*" -> l * r;
                case "/" -> r == 0 ? null : l / r;
                default -> null;
            };
        }
        return null;
    }
}
