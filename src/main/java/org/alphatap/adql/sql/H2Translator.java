package org.alphatap.adql.sql;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.alphatap.adql.ast.Expr;
import org.alphatap.adql.ast.Identifier;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.parse.AdqlException;

/**
 * Writes a checked query as H2 SQL. Only what the grammar allows comes out: every identifier is
 * double-quoted (so no name can turn into an H2 keyword or function), every string is re-quoted,
 * functions are mapped one by one. Names are folded to upper case, as H2 stores the unquoted DDL.
 * Spherical DISTANCE and CONTAINS(POINT, CIRCLE) are written as exact great-circle formulas; the
 * other geometry functions are refused with a message until the sky index lands.
 */
public final class H2Translator {
    private H2Translator() {
    }

    public static String toSql(Query q) throws AdqlException {
        StringBuilder b = new StringBuilder();
        new H2Translator().query(q, b);
        return b.toString();
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
                b.append(o.descending() ? " DESC" : " ASC");
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
            from(j.left(), b);
            b.append(j.natural() ? " NATURAL " : " ").append(j.type()).append(" JOIN ");
            boolean nested = j.right() instanceof Query.Join;
            b.append(nested ? "(" : "");
            from(j.right(), b);
            b.append(nested ? ")" : "");
            if (j.on() != null) {
                b.append(" ON ");
                expr(j.on(), b);
            } else if (!j.using().isEmpty()) {
                b.append(" USING (").append(j.using().stream().map(H2Translator::name).collect(Collectors.joining(", ")))
                        .append(')');
            }
        }
    }

    private void expr(Expr e, StringBuilder b) throws AdqlException {
        if (e instanceof Expr.Literal l) {
            switch (l.kind()) {
                case NUMBER -> b.append(number(l.text()));
                case STRING -> b.append('\'').append(l.text().replace("'", "''")).append('\'');
                default -> b.append("NULL");
            }
        } else if (e instanceof Expr.ColumnRef c) {
            List<Identifier> parts = c.parts().size() == 4 ? c.parts().subList(1, 4) : c.parts();
            b.append(names(parts));
        } else if (e instanceof Expr.Unary u) {
            b.append('(').append(u.operator());
            expr(u.operand(), b);
            b.append(')');
        } else if (e instanceof Expr.Binary x) {
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
            case "DISTANCE" -> distance(f, b);
            case "CONTAINS" -> contains(f, b);
            case "COORD1", "COORD2" -> {
                Expr.Function p = point(f.arguments().get(0), f);
                expr(p.arguments().get(p.arguments().size() - (f.name().equals("COORD1") ? 2 : 1)), b);
            }
            case "POINT", "CIRCLE", "BOX", "POLYGON", "INTERSECTS", "AREA", "CENTROID", "COORDSYS" ->
                throw new AdqlException(f.name() + " is not supported here yet; DISTANCE and CONTAINS(POINT, CIRCLE) are",
                        f.position());
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
                // The ADQL functions that have the same name and meaning in H2.
                b.append(f.name()).append('(').append(f.distinct() ? "DISTINCT " : "");
                list(f.arguments(), b);
                b.append(')');
            }
        }
    }

    /** DISTANCE(POINT, POINT) or DISTANCE(ra1, dec1, ra2, dec2), degrees, by the haversine formula. */
    private void distance(Expr.Function f, StringBuilder b) throws AdqlException {
        List<Expr> a = f.arguments();
        if (a.size() == 4) {
            haversine(a.get(0), a.get(1), a.get(2), a.get(3), b);
        } else if (a.size() == 2) {
            Expr.Function p = point(a.get(0), f);
            Expr.Function q = point(a.get(1), f);
            haversine(lon(p), lat(p), lon(q), lat(q), b);
        } else {
            throw new AdqlException("DISTANCE takes two POINTs or four numbers", f.position());
        }
    }

    /** CONTAINS(POINT, CIRCLE): 1 when the point is within the circle's radius, else 0. */
    private void contains(Expr.Function f, StringBuilder b) throws AdqlException {
        if (f.arguments().size() != 2) {
            throw new AdqlException("CONTAINS takes two geometries", f.position());
        }
        Expr.Function p = point(f.arguments().get(0), f);
        if (!(f.arguments().get(1) instanceof Expr.Function c) || !c.name().equals("CIRCLE")) {
            throw new AdqlException("CONTAINS is supported here for a POINT in a CIRCLE", f.position());
        }
        List<Expr> ca = c.arguments();
        int o = ca.size() == 4 ? 1 : 0;
        if (ca.size() - o != 3) {
            throw new AdqlException("CIRCLE takes [frame,] ra, dec, radius", c.position());
        }
        b.append("CASE WHEN ");
        haversine(lon(p), lat(p), ca.get(o), ca.get(o + 1), b);
        b.append(" <= ");
        expr(ca.get(o + 2), b);
        b.append(" THEN 1 ELSE 0 END");
    }

    private static Expr.Function point(Expr e, Expr.Function in) throws AdqlException {
        if (e instanceof Expr.Function p && p.name().equals("POINT")
                && (p.arguments().size() == 2 || p.arguments().size() == 3)) {
            return p;
        }
        throw new AdqlException(in.name() + " needs POINT([frame,] ra, dec) here", in.position());
    }

    private static Expr lon(Expr.Function p) {
        return p.arguments().get(p.arguments().size() - 2);
    }

    private static Expr lat(Expr.Function p) {
        return p.arguments().get(p.arguments().size() - 1);
    }

    private void haversine(Expr ra1, Expr dec1, Expr ra2, Expr dec2, StringBuilder b) throws AdqlException {
        b.append("DEGREES(2 * ASIN(LEAST(1.0, SQRT(POWER(SIN(RADIANS(");
        expr(dec2, b);
        b.append(" - ");
        expr(dec1, b);
        b.append(") / 2), 2) + COS(RADIANS(");
        expr(dec1, b);
        b.append(")) * COS(RADIANS(");
        expr(dec2, b);
        b.append(")) * POWER(SIN(RADIANS(");
        expr(ra2, b);
        b.append(" - ");
        expr(ra1, b);
        b.append(") / 2), 2)))))");
    }

    private void list(List<Expr> items, StringBuilder b) throws AdqlException {
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ");
            expr(items.get(i), b);
        }
    }

    /** Numbers are passed on as parsed; hexadecimal ones as their decimal value. */
    private static String number(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? new java.math.BigInteger(text.substring(2), 16).toString()
                : text;
    }

    private static String names(List<Identifier> parts) {
        return parts.stream().map(H2Translator::name).collect(Collectors.joining("."));
    }

    /** Every name quoted and upper-cased: H2 holds the unquoted DDL names in upper case. */
    static String name(Identifier id) {
        return '"' + id.name().toUpperCase(Locale.ROOT).replace("\"", "\"\"") + '"';
    }
}
