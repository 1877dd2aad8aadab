package org.alphatap.adql.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import org.alphatap.adql.ast.Expr;
import org.alphatap.adql.ast.Identifier;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.SkyIndex;
import org.alphatap.sky.Healpix;

/**
 * Writes a checked query as the SQL of one engine, which its {@link Dialect} describes. Only what
 * the grammar allows comes out: every identifier is double-quoted (so no name can turn into a
 * keyword or function of the engine), every string is re-quoted, functions are mapped one by one.
 * Geometry is written by {@link SkyGeometry}, which asks which tables of the current FROM clause
 * carry a sky index: the catalogue says, from their columns' UCDs.
 */
public final class SqlWriter {
    /** The ADQL geometry functions this translator writes (declared in /tap/capabilities). */
    /**
     * The coordinates of ivo_healpix_center's POINT, as the geometry code takes it apart: names no
     * query can use (the checker knows only ivo_healpix_center).
     */
    static final String HEALPIX_CENTRE_RA = "IVO_HEALPIX_CENTER RA";
    static final String HEALPIX_CENTRE_DEC = "IVO_HEALPIX_CENTER DEC";
    public static final List<String> GEOMETRY = List.of("POINT", "CIRCLE", "BOX", "POLYGON", "CENTROID", "CONTAINS",
            "INTERSECTS", "DISTANCE", "COORD1", "COORD2", "COORDSYS", "AREA");

    /** Per nested SELECT: the tables of its FROM clause, by alias or table name, lower case. */
    private final Deque<Map<String, List<Identifier>>> scopes = new ArrayDeque<>();
    /** Per nested SELECT: the SQL for an unqualified column of a USING join, by lower-case name. */
    private final Deque<Map<String, String>> usingColumns = new ArrayDeque<>();
    private final SkyGeometry geometry = new SkyGeometry(this::expr, this::skyIndex);

    /** The SQL of a query and the values of its parameters, in order. */
    public record Sql(String text, List<Object> parameters) {
    }

    private final Catalogue catalogue;
    private final Dialect dialect;
    /** Uploaded tables by lower-case name. */
    private final Map<String, UploadedTable> uploads;
    private final List<Object> parameters = new ArrayList<>();

    private SqlWriter(Catalogue catalogue, Dialect dialect, Map<String, UploadedTable> uploads) {
        this.catalogue = catalogue;
        this.dialect = dialect;
        this.uploads = uploads;
    }

    /** The SQL of a query without uploads. */
    public static String toSql(Query q, Catalogue catalogue, Dialect dialect) throws AdqlException {
        return toSql(q, catalogue, dialect, Map.of()).text();
    }

    /**
     * The SQL of a query that may read uploaded tables (by lower-case name) as TAP_UPLOAD.name; its
     * parameters are bound with {@link Dialect#bind}.
     */
    public static Sql toSql(Query q, Catalogue catalogue, Dialect dialect, Map<String, UploadedTable> uploads)
            throws AdqlException {
        StringBuilder b = new StringBuilder();
        SqlWriter t = new SqlWriter(catalogue, dialect, uploads);
        t.query(q, b);
        return new Sql(b.toString(), List.copyOf(t.parameters));
    }

    private void query(Query q, StringBuilder b) throws AdqlException {
        if (!q.with().isEmpty()) {
            b.append("WITH ");
            for (int i = 0; i < q.with().size(); i++) {
                Query.With w = q.with().get(i);
                b.append(i == 0 ? "" : ", ").append(name(w.name())).append(" AS (");
                query(w.query(), b);
                b.append(')');
            }
            b.append(' ');
        }
        Long top = q.body() instanceof Query.Select s ? s.top() : null;
        body(q.body(), b, false);
        if (!q.orderBy().isEmpty()) {
            b.append(" ORDER BY ");
            for (int i = 0; i < q.orderBy().size(); i++) {
                Query.Order o = q.orderBy().get(i);
                b.append(i == 0 ? "" : ", ");
                expr(o.expression(), b);
                b.append(o.descending() ? " DESC" : " ASC").append(dialect.nullOrdering(o.descending()));
            }
        }
        if (q.offset() != null) {
            b.append(" OFFSET ").append(q.offset()).append(" ROWS");
        }
        if (top != null) {
            b.append(" FETCH FIRST ").append(top).append(" ROWS ONLY");
        }
    }

    /** A select or set operation; a branch's own TOP is kept inside its parentheses. */
    private void body(Query.Body body, StringBuilder b, boolean branch) throws AdqlException {
        if (body instanceof Query.Select s) {
            boolean wrap = branch && s.top() != null;
            b.append(wrap ? "(" : "");
            select(s, b);
            if (wrap) {
                b.append(" FETCH FIRST ").append(s.top()).append(" ROWS ONLY)");
            }
        } else if (body instanceof Query.Nested n) {
            b.append('(');
            query(n.query(), b);
            b.append(')');
        } else {
            Query.SetOperation op = (Query.SetOperation) body;
            body(op.left(), b, true);
            b.append(' ').append(op.operator()).append(op.all() ? " ALL " : " ");
            body(op.right(), b, true);
        }
    }

    private void select(Query.Select s, StringBuilder b) throws AdqlException {
        Map<String, List<Identifier>> scope = new HashMap<>();
        for (Query.From f : s.from()) {
            tables(f, scope);
        }
        Map<String, String> using = new HashMap<>();
        for (Query.From f : s.from()) {
            usingColumns(f, using);
        }
        scopes.push(scope);
        usingColumns.push(using);
        try {
            selectInScope(s, b);
        } finally {
            scopes.pop();
            usingColumns.pop();
        }
    }

    /**
     * H2 calls an unqualified column of a USING join ambiguous, where ADQL means the joined value:
     * the right table's for INNER and RIGHT joins, the left table's for LEFT joins (when that side is
     * one table). Such columns are written qualified.
     */
    private void usingColumns(Query.From f, Map<String, String> out) {
        if (!(f instanceof Query.Join j)) {
            return;
        }
        usingColumns(j.left(), out);
        usingColumns(j.right(), out);
        Query.From side = j.type().equals("LEFT") ? j.left() : j.right();
        Identifier qualifier = side instanceof Query.Table t ? (t.alias() != null ? t.alias() : t.name().get(
                t.name().size() - 1)) : side instanceof Query.Derived d ? d.alias() : null;
        if (qualifier == null) {
            return;
        }
        List<Identifier> q = side instanceof Query.Table t && t.alias() == null
                ? (t.name().size() == 3 ? t.name().subList(1, 3) : t.name()) : List.of(qualifier);
        for (Identifier u : j.using()) {
            out.put(u.name().toLowerCase(Locale.ROOT), names(q) + "." + name(u));
        }
    }

    private static void tables(Query.From f, Map<String, List<Identifier>> scope) {
        if (f instanceof Query.Table t) {
            List<Identifier> name = t.name().size() == 3 ? t.name().subList(1, 3) : t.name();
            String key = (t.alias() != null ? t.alias() : name.get(name.size() - 1)).name().toLowerCase(Locale.ROOT);
            scope.put(key, name);
        } else if (f instanceof Query.Join j) {
            tables(j.left(), scope);
            tables(j.right(), scope);
        }
    }

    /**
     * The sky index column for a position given as the main position columns of one table of the
     * enclosing FROM clauses that has a sky index, or null.
     */
    private SkyGeometry.Indexed skyIndex(Expr ra, Expr dec) {
        if (!(ra instanceof Expr.ColumnRef r) || !(dec instanceof Expr.ColumnRef d)) {
            return null;
        }
        List<Identifier> qr = r.parts().subList(0, r.parts().size() - 1);
        List<Identifier> qd = d.parts().subList(0, d.parts().size() - 1);
        if (!lower(qr).equals(lower(qd))) {
            return null;
        }
        List<Identifier> table = null;
        if (qr.isEmpty()) {
            Map<String, List<Identifier>> scope = scopes.peek();
            table = scope != null && scope.size() == 1 ? scope.values().iterator().next() : null;
        } else {
            String key = qr.get(qr.size() - 1).name().toLowerCase(Locale.ROOT);
            for (Map<String, List<Identifier>> scope : scopes) {
                if (scope.containsKey(key)) {
                    table = scope.get(key);
                    break;
                }
            }
        }
        String qualified = table == null ? null : catalogue.resolve(table.stream().map(Identifier::name).toList());
        SkyIndex sky = qualified == null ? null : catalogue.sky(qualified);
        if (sky == null || !sky.hasHealpix() || !last(r).equals(sky.ra()) || !last(d).equals(sky.dec())) {
            return null;
        }
        Identifier column = new Identifier(sky.healpix(), false, r.parts().get(0).position());
        String sql = qr.isEmpty() ? name(column) : names(qr.size() == 3 ? qr.subList(1, 3) : qr) + "." + name(column);
        return new SkyGeometry.Indexed(sql, sky.order());
    }

    private static String last(Expr.ColumnRef c) {
        return c.parts().get(c.parts().size() - 1).name().toLowerCase(Locale.ROOT);
    }

    private static String lower(List<Identifier> parts) {
        return parts.stream().map(i -> i.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("."));
    }

    private void selectInScope(Query.Select s, StringBuilder b) throws AdqlException {
        b.append("SELECT ").append(s.distinct() ? "DISTINCT " : "");
        for (int i = 0; i < s.items().size(); i++) {
            b.append(i == 0 ? "" : ", ");
            Query.Item item = s.items().get(i);
            if (item instanceof Query.AllColumns all) {
                b.append(all.qualifier().isEmpty() ? "*" : names(all.qualifier()) + ".*");
            } else {
                Query.Column c = (Query.Column) item;
                expr(c.expression(), b);
                if (c.alias() != null) {
                    b.append(" AS ").append(name(c.alias()));
                }
            }
        }
        b.append(" FROM ");
        for (int i = 0; i < s.from().size(); i++) {
            b.append(i == 0 ? "" : ", ");
            from(s.from().get(i), b);
        }
        if (s.where() != null) {
            b.append(" WHERE ");
            expr(s.where(), b);
        }
        if (!s.groupBy().isEmpty()) {
            b.append(" GROUP BY ");
            list(s.groupBy(), b);
        }
        if (s.having() != null) {
            b.append(" HAVING ");
            expr(s.having(), b);
        }
    }

    private void from(Query.From f, StringBuilder b) throws AdqlException {
        if (f instanceof Query.Table t) {
            List<Identifier> parts = t.name().size() == 3 ? t.name().subList(1, 3) : t.name();
            UploadedTable upload = parts.size() == 2 && lower(parts.subList(0, 1)).equals("tap_upload")
                    ? uploads.get(lower(parts.subList(1, 2))) : null;
            if (upload != null) {
                b.append(dialect.upload(upload, name(t.alias() != null ? t.alias() : parts.get(1))));
                parameters.addAll(upload.columns());
                return;
            }
            b.append(names(parts));
            if (t.alias() != null) {
                b.append(" AS ").append(name(t.alias()));
            }
        } else if (f instanceof Query.Derived d) {
            b.append('(');
            query(d.query(), b);
            b.append(") AS ").append(name(d.alias()));
        } else {
            // Joins chain left to right unparenthesised, as H2 resolves USING columns best then;
            // a join on the right (written in parentheses in ADQL) keeps its parentheses.
            Query.Join j = (Query.Join) f;
            if (j.type().startsWith("FULL") && !dialect.outerJoins()) {
                throw new AdqlException("FULL OUTER JOIN is not available on this service (" + dialect.engine()
                        + " has none); write it as a LEFT JOIN UNION ALL the unmatched rows of a RIGHT JOIN",
                        j.position());
            }
            if (j.natural() && !j.type().equals("INNER") && !dialect.outerJoins()) {
                throw new AdqlException("NATURAL " + j.type() + " JOIN is not available on this service; name the"
                        + " common columns with " + j.type() + " JOIN ... USING (...)", j.position());
            }
            from(j.left(), b);
            b.append(j.natural() ? " NATURAL " + (j.type().equals("INNER") ? "" : j.type() + " ") + "JOIN "
                    : " " + j.type() + " JOIN ");
            boolean nested = j.right() instanceof Query.Join;
            b.append(nested ? "(" : "");
            from(j.right(), b);
            b.append(nested ? ")" : "");
            if (j.on() != null) {
                b.append(" ON ");
                expr(j.on(), b);
            } else if (!j.using().isEmpty()) {
                b.append(" USING (").append(j.using().stream().map(this::name).collect(Collectors.joining(", ")))
                        .append(')');
            }
        }
    }

    private void expr(Expr e, StringBuilder b) throws AdqlException {
        if (e instanceof Expr.Literal l) {
            switch (l.kind()) {
                case NUMBER -> b.append(number(l.text()));
                case STRING -> {
                    if (l.text().indexOf('\0') >= 0 && !dialect.stringsHoldNul()) {
                        throw new AdqlException("the string holds the character U+0000 (NUL), which " + dialect.engine()
                                + " strings cannot hold; remove it", l.position());
                    }
                    b.append('\'').append(l.text().replace("'", "''")).append('\'');
                }
                default -> b.append("NULL");
            }
        } else if (e instanceof Expr.ColumnRef c) {
            List<Identifier> parts = c.parts().size() == 4 ? c.parts().subList(1, 4) : c.parts();
            String joined = parts.size() == 1 && !usingColumns.isEmpty()
                    ? usingColumns.peek().get(parts.get(0).name().toLowerCase(Locale.ROOT)) : null;
            b.append(joined != null ? joined : names(parts));
        } else if (e instanceof Expr.Unary u) {
            b.append('(').append(u.operator());
            expr(u.operand(), b);
            b.append(')');
        } else if (e instanceof Expr.Binary x) {
            if (geometry.indexedComparison(x, b)) {
                return;
            }
            b.append('(');
            expr(x.left(), b);
            b.append(' ').append(x.operator()).append(' ');
            expr(x.right(), b);
            b.append(')');
        } else if (e instanceof Expr.Not n) {
            b.append("(NOT ");
            expr(n.operand(), b);
            b.append(')');
        } else if (e instanceof Expr.Between x) {
            b.append('(');
            expr(x.value(), b);
            b.append(x.negated() ? " NOT BETWEEN " : " BETWEEN ");
            expr(x.low(), b);
            b.append(" AND ");
            expr(x.high(), b);
            b.append(')');
        } else if (e instanceof Expr.Like l) {
            b.append('(');
            expr(l.value(), b);
            b.append(l.negated() ? " NOT" : "").append(l.caseInsensitive() ? " ILIKE " : " LIKE ");
            expr(l.pattern(), b);
            b.append(')');
        } else if (e instanceof Expr.IsNull n) {
            b.append('(');
            expr(n.value(), b);
            b.append(n.negated() ? " IS NOT NULL)" : " IS NULL)");
        } else if (e instanceof Expr.InList in) {
            b.append('(');
            expr(in.value(), b);
            b.append(in.negated() ? " NOT IN (" : " IN (");
            list(in.items(), b);
            b.append("))");
        } else if (e instanceof Expr.InQuery in) {
            b.append('(');
            expr(in.value(), b);
            b.append(in.negated() ? " NOT IN (" : " IN (");
            query(in.query(), b);
            b.append("))");
        } else if (e instanceof Expr.Exists x) {
            b.append("EXISTS (");
            query(x.query(), b);
            b.append(')');
        } else if (e instanceof Expr.Subquery s) {
            b.append('(');
            query(s.query(), b);
            b.append(')');
        } else if (e instanceof Expr.Case c) {
            b.append("CASE");
            if (c.operand() != null) {
                b.append(' ');
                expr(c.operand(), b);
            }
            for (Expr.When w : c.whens()) {
                b.append(" WHEN ");
                expr(w.condition(), b);
                b.append(" THEN ");
                expr(w.result(), b);
            }
            if (c.otherwise() != null) {
                b.append(" ELSE ");
                expr(c.otherwise(), b);
            }
            b.append(" END");
        } else if (e instanceof Expr.Cast c) {
            b.append("CAST(");
            expr(c.value(), b);
            b.append(" AS ").append(c.type()).append(')');
        } else {
            function((Expr.Function) e, b);
        }
    }

    private void function(Expr.Function f, StringBuilder b) throws AdqlException {
        switch (f.name()) {
            case "POINT", "CIRCLE", "BOX", "POLYGON", "CONTAINS", "INTERSECTS", "DISTANCE", "COORD1", "COORD2",
                    "COORDSYS", "AREA", "CENTROID", "IVO_HEALPIX_CENTER" -> geometry.function(f, b);
            case "IVO_HEALPIX_INDEX" -> healpixIndex(f, b);
            case HEALPIX_CENTRE_RA, HEALPIX_CENTRE_DEC -> {
                StringBuilder pixel = new StringBuilder();
                expr(f.arguments().get(1), pixel);
                HealpixCentre centre = new HealpixCentre(healpixOrder(f.arguments().get(0), f), pixel.toString());
                b.append(f.name().equals(HEALPIX_CENTRE_RA) ? centre.ra() : centre.dec());
            }
            case "COUNT" -> {
                b.append("COUNT(");
                if (f.star()) {
                    b.append('*');
                } else {
                    b.append(f.distinct() ? "DISTINCT " : "");
                    list(f.arguments(), b);
                }
                b.append(')');
            }
            default -> {
                // The checker refused any other name already; it is refused again here, as the name
                // goes to the engine as written unless the dialect maps it.
                if (!Checker.FUNCTIONS.contains(f.name())) {
                    throw new AdqlException("unknown function '" + f.name() + "'", f.position());
                }
                if (f.distinct()) {
                    b.append(f.name()).append("(DISTINCT ");
                    list(f.arguments(), b);
                    b.append(')');
                    return;
                }
                List<String> arguments = new ArrayList<>();
                for (Expr a : f.arguments()) {
                    StringBuilder one = new StringBuilder();
                    expr(a, one);
                    arguments.add(one.toString());
                }
                b.append(dialect.call(f.name(), arguments));
            }
        }
    }

    /**
     * ivo_healpix_index(order, ra, dec) or (order, POINT): the NESTED pixel of a table's main
     * position, read from that table's own HEALPix index column and shifted to the coarser order
     * (a pixel at order k holds 4^(m-k) pixels of order m): an integer division, no trigonometry,
     * so a sky map over every row costs no more than a COUNT.
     */
    private void healpixIndex(Expr.Function f, StringBuilder b) throws AdqlException {
        List<Expr> a = f.arguments();
        int order = healpixOrder(a.get(0), f);
        Expr ra;
        Expr dec;
        if (a.size() == 2 && a.get(1) instanceof Expr.Function p && p.name().equals("POINT")) {
            List<Expr> pa = p.arguments();
            ra = pa.get(pa.size() - 2);
            dec = pa.get(pa.size() - 1);
        } else if (a.size() == 3) {
            ra = a.get(1);
            dec = a.get(2);
        } else {
            throw new AdqlException("ivo_healpix_index takes (order, ra, dec) or (order, POINT(ra, dec))", f.position());
        }
        SkyGeometry.Indexed index = skyIndex(ra, dec);
        if (index == null || order > index.order()) {
            throw new AdqlException("ivo_healpix_index is computed here from a table's own HEALPix index: give it the"
                    + " main position columns (ra, dec) of a table that has one, at that index's order ("
                    + (index == null ? "see the pos.healpix columns in /tap/tables" : index.order()) + ") or coarser",
                    f.position());
        }
        long pixelsPerPixel = 1L << 2 * (index.order() - order);
        b.append(pixelsPerPixel == 1 ? index.sql() : "(" + index.sql() + " / " + pixelsPerPixel + ")");
    }

    static int healpixOrder(Expr e, Expr.Function f) throws AdqlException {
        if (e instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.NUMBER && l.text().matches("\\d{1,2}")) {
            int order = Integer.parseInt(l.text());
            if (order <= Healpix.MAX_ORDER) {
                return order;
            }
        }
        throw new AdqlException("the HEALPix order of " + f.name().toLowerCase(Locale.ROOT) + " must be a whole number"
                + " from 0 to " + Healpix.MAX_ORDER, e.position());
    }

    private void list(List<Expr> items, StringBuilder b) throws AdqlException {
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ");
            expr(items.get(i), b);
        }
    }

    /**
     * A number as the engine should read it; hexadecimal ones as their decimal value. H2 takes 0.5
     * as NUMERIC and 5E-1 as DECFLOAT, and any arithmetic or comparison of those with a REAL or
     * DOUBLE column is done in BigDecimal, row by row: ten times the cost of the query's own work
     * in a cone or a scan. A number with a point or an exponent is therefore a DOUBLE PRECISION,
     * as PostgreSQL takes one next to a float column.
     */
    static String number(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return new java.math.BigInteger(text.substring(2), 16).toString();
        }
        return text.chars().anyMatch(c -> c == '.' || c == 'e' || c == 'E') ? "CAST(" + text + " AS DOUBLE PRECISION)"
                : text;
    }

    private String names(List<Identifier> parts) {
        return parts.stream().map(this::name).collect(Collectors.joining("."));
    }

    /** Every name quoted, in the case the engine holds the unquoted DDL names in. */
    private String name(Identifier id) {
        return dialect.name(id.name());
    }
}
