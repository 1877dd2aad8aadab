package org.alphatap.adql.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.alphatap.adql.ast.Expr;
import org.alphatap.adql.ast.Identifier;
import org.alphatap.adql.ast.Query;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Table;

/**
 * Binds a parsed query to the published tables: every table, column and function must exist.
 * Columns resolve in the innermost FROM first, then outward (correlated subqueries); WITH items
 * and subqueries in FROM publish the columns of their SELECT lists.
 */
public final class Checker {
    /** The functions of ADQL 2.1 this service offers, and the user-defined ones it declares. */
    public static final Set<String> FUNCTIONS = Set.of("ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CEILING", "COS", "COT",
            "DEGREES", "EXP", "FLOOR", "LOG", "LOG10", "MOD", "PI", "POWER", "RADIANS", "RAND", "ROUND", "SIN", "SQRT",
            "TAN", "TRUNCATE", "LOWER", "UPPER", "COALESCE", "COUNT", "SUM", "AVG", "MIN", "MAX", "POINT", "CIRCLE",
            "BOX", "POLYGON", "CONTAINS", "INTERSECTS", "DISTANCE", "COORD1", "COORD2", "COORDSYS", "AREA",
            "CENTROID", "IVO_HEALPIX_INDEX", "IVO_HEALPIX_CENTER");

    private final Catalogue catalog;

    public Checker(Catalogue catalog) {
        this.catalog = catalog;
    }

    /**
     * An output column: its name, and the published table and column it is, when it is one
     * (a plain column reference or a * of a published table), else nulls.
     */
    public record Output(String name, String table, String column) {
    }

    /** Checks a query; returns the names of its output columns. */
    public List<String> check(Query q) throws UnknownNameException {
        return describe(q).stream().map(Output::name).toList();
    }

    /** Checks a query; returns its output columns with where they come from. */
    public List<Output> describe(Query q) throws UnknownNameException {
        return query(q, null, Map.of());
    }

    /** A FROM entry: its name in the query, its columns, and the published table it is (or null). */
    private record Source(String name, List<String> columns, String table) {
    }

    private static final class Scope {
        final Scope outer;
        final List<Source> sources = new ArrayList<>();
        /** What SELECT * gives: the columns of each FROM entry, a join's common columns once. */
        final List<Output> all = new ArrayList<>();
        final List<String> aliases = new ArrayList<>();

        Scope(Scope outer) {
            this.outer = outer;
        }
    }

    private List<Output> query(Query q, Scope outer, Map<String, List<String>> ctes) throws UnknownNameException {
        Map<String, List<String>> visible = new HashMap<>(ctes);
        for (Query.With w : q.with()) {
            visible.put(lower(w.name()), names(query(w.query(), outer, visible)));
        }
        Scope[] first = new Scope[1];
        List<Output> out = body(q.body(), outer, visible, first);
        List<String> outNames = names(out);
        for (Query.Order o : q.orderBy()) {
            Expr e = o.expression();
            if (e instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.NUMBER) {
                // A position is a small whole number; anything else (1.5, 0x1, 1e0, 10^12) is none.
                boolean whole = l.text().length() < 10 && l.text().chars().allMatch(Character::isDigit);
                int n = whole ? Integer.parseInt(l.text()) : 0;
                if (n < 1 || n > out.size()) {
                    throw new UnknownNameException("ORDER BY " + l.text() + " but the query has " + out.size()
                            + " columns: a position is a whole number from 1 to " + out.size(), l.position());
                }
            } else if (!(e instanceof Expr.ColumnRef c && c.parts().size() == 1
                    && outNames.contains(lower(c.parts().get(0))))) {
                expr(e, first[0], visible);
            }
        }
        return out;
    }

    private List<Output> body(Query.Body b, Scope outer, Map<String, List<String>> ctes, Scope[] first)
            throws UnknownNameException {
        if (b instanceof Query.Select s) {
            return select(s, outer, ctes, first);
        }
        if (b instanceof Query.Nested n) {
            return query(n.query(), outer, ctes);
        }
        Query.SetOperation op = (Query.SetOperation) b;
        List<Output> left = body(op.left(), outer, ctes, first);
        List<Output> right = body(op.right(), outer, ctes, new Scope[1]);
        if (left.size() != right.size()) {
            throw new UnknownNameException(op.operator() + " of queries with " + left.size() + " and " + right.size()
                    + " columns; both sides need the same number", op.position());
        }
        return left;
    }

    private List<Output> select(Query.Select s, Scope outer, Map<String, List<String>> ctes, Scope[] first)
            throws UnknownNameException {
        Scope scope = new Scope(outer);
        if (first[0] == null) {
            first[0] = scope;
        }
        for (Query.From f : s.from()) {
            scope.all.addAll(from(f, scope, ctes));
        }
        List<Output> out = new ArrayList<>();
        for (Query.Item item : s.items()) {
            if (item instanceof Query.AllColumns all) {
                out.addAll(allColumns(all, scope));
            } else {
                Query.Column c = (Query.Column) item;
                expr(c.expression(), scope, ctes);
                Source from = c.expression() instanceof Expr.ColumnRef ref ? origin(ref, scope) : null;
                String column = c.expression() instanceof Expr.ColumnRef ref
                        ? lower(ref.parts().get(ref.parts().size() - 1)) : null;
                String name = c.alias() != null ? lower(c.alias()) : column != null ? column : "col" + (out.size() + 1);
                out.add(new Output(name, from == null ? null : from.table(), from == null ? null : column));
                if (c.alias() != null) {
                    scope.aliases.add(name);
                }
            }
        }
        if (s.where() != null) {
            expr(s.where(), scope, ctes);
        }
        for (Expr g : s.groupBy()) {
            if (!(g instanceof Expr.ColumnRef c && c.parts().size() == 1 && scope.aliases.contains(lower(c.parts().get(0))))) {
                expr(g, scope, ctes);
            }
        }
        if (s.having() != null) {
            expr(s.having(), scope, ctes);
        }
        return out;
    }

    private List<Output> allColumns(Query.AllColumns all, Scope scope) throws UnknownNameException {
        if (all.qualifier().isEmpty()) {
            return scope.all;
        }
        Source src = source(all.qualifier(), scope);
        if (src == null) {
            throw new UnknownNameException("unknown table '" + join(all.qualifier()) + "' in " + join(all.qualifier())
                    + ".*" + Names.hint(join(all.qualifier()), scope.sources.stream().map(Source::name).toList()),
                    all.position());
        }
        return outputs(src);
    }

    private static List<Output> outputs(Source src) {
        return src.columns().stream().map(c -> new Output(c, src.table(), src.table() == null ? null : c)).toList();
    }

    private static List<String> names(List<Output> outputs) {
        return outputs.stream().map(Output::name).toList();
    }

    /** The FROM entry of this scope that a column reference reads, or null (outer scope, derived...). */
    private Source origin(Expr.ColumnRef ref, Scope scope) {
        List<Identifier> parts = ref.parts();
        String col = lower(parts.get(parts.size() - 1));
        if (parts.size() > 1) {
            Source src = source(parts.subList(0, parts.size() - 1), scope);
            return src != null && src.columns().contains(col) ? src : null;
        }
        return scope.sources.stream().filter(src -> src.columns().contains(col)).findFirst().orElse(null);
    }

    /** Adds the tables of a FROM entry to the scope; returns its columns as SELECT * gives them. */
    private List<Output> from(Query.From f, Scope scope, Map<String, List<String>> ctes) throws UnknownNameException {
        if (f instanceof Query.Table t) {
            List<String> parts = t.name().stream().map(Checker::lower).toList();
            List<String> columns;
            String table = null;
            if (parts.size() == 1 && ctes.containsKey(parts.get(0))) {
                columns = ctes.get(parts.get(0));
            } else {
                table = catalog.resolve(parts);
                if (table == null) {
                    List<String> known = new ArrayList<>(catalog.tables().stream().map(Table::name).toList());
                    known.addAll(ctes.keySet());
                    throw new UnknownNameException("unknown table '" + String.join(".", parts) + "'"
                            + Names.hint(String.join(".", parts), known), t.position());
                }
                columns = catalog.table(table).columnNames();
            }
            String name = t.alias() != null ? lower(t.alias()) : String.join(".", parts);
            return added(new Source(name, columns, table), scope);
        } else if (f instanceof Query.Derived d) {
            return added(new Source(lower(d.alias()), names(query(d.query(), scope.outer, ctes)), null), scope);
        } else {
            Query.Join j = (Query.Join) f;
            List<Output> left = from(j.left(), scope, ctes);
            int leftEnd = scope.sources.size();
            List<Output> right = from(j.right(), scope, ctes);
            for (Identifier u : j.using()) {
                String col = lower(u);
                boolean inLeft = scope.sources.subList(0, leftEnd).stream().anyMatch(s -> s.columns().contains(col));
                boolean inRight = scope.sources.subList(leftEnd, scope.sources.size()).stream()
                        .anyMatch(s -> s.columns().contains(col));
                if (!inLeft || !inRight) {
                    throw new UnknownNameException("USING (" + u.name() + "): the column must be in both joined tables",
                            u.position());
                }
            }
            if (j.on() != null) {
                expr(j.on(), scope, ctes);
            }
            return joined(j, left, right);
        }
    }

    private static List<Output> added(Source src, Scope scope) {
        scope.sources.add(src);
        return outputs(src);
    }

    /**
     * The columns of a join as SQL's SELECT * gives them (H2 too): those of a NATURAL join or of
     * USING once, first (in the order of the left side, or of USING), then the others of the
     * left side, then those of the right.
     */
    private static List<Output> joined(Query.Join j, List<Output> left, List<Output> right)
            throws UnknownNameException {
        List<String> common = j.natural() ? names(left).stream().filter(names(right)::contains).toList()
                : j.using().stream().map(Checker::lower).toList();
        List<Output> out = new ArrayList<>();
        for (String c : common) {
            if (names(left).indexOf(c) != names(left).lastIndexOf(c)
                    || names(right).indexOf(c) != names(right).lastIndexOf(c)) {
                throw new UnknownNameException((j.natural() ? "NATURAL JOIN" : "USING") + ": the column '" + c
                        + "' is in more than one table on one side, so it is not clear which to join on; join with ON"
                        + " and qualified names", j.position());
            }
            out.add(left.get(names(left).indexOf(c)));
        }
        left.stream().filter(o -> !common.contains(o.name())).forEach(out::add);
        right.stream().filter(o -> !common.contains(o.name())).forEach(out::add);
        return out;
    }

    private void expr(Expr e, Scope scope, Map<String, List<String>> ctes) throws UnknownNameException {
        if (e instanceof Expr.ColumnRef c) {
            column(c, scope);
        } else if (e instanceof Expr.Function f) {
            if (!FUNCTIONS.contains(f.name())) {
                throw new UnknownNameException("unknown function '" + f.name() + "'" + Names.hint(f.name(), FUNCTIONS),
                        f.position());
            }
            for (Expr a : f.arguments()) {
                expr(a, scope, ctes);
            }
        } else if (e instanceof Expr.Unary u) {
            expr(u.operand(), scope, ctes);
        } else if (e instanceof Expr.Binary b) {
            expr(b.left(), scope, ctes);
            expr(b.right(), scope, ctes);
        } else if (e instanceof Expr.Not n) {
            expr(n.operand(), scope, ctes);
        } else if (e instanceof Expr.Between b) {
            expr(b.value(), scope, ctes);
            expr(b.low(), scope, ctes);
            expr(b.high(), scope, ctes);
        } else if (e instanceof Expr.Like l) {
            expr(l.value(), scope, ctes);
            expr(l.pattern(), scope, ctes);
        } else if (e instanceof Expr.IsNull n) {
            expr(n.value(), scope, ctes);
        } else if (e instanceof Expr.InList in) {
            expr(in.value(), scope, ctes);
            for (Expr i : in.items()) {
                expr(i, scope, ctes);
            }
        } else if (e instanceof Expr.InQuery in) {
            expr(in.value(), scope, ctes);
            query(in.query(), scope, ctes);
        } else if (e instanceof Expr.Exists x) {
            query(x.query(), scope, ctes);
        } else if (e instanceof Expr.Subquery s) {
            query(s.query(), scope, ctes);
        } else if (e instanceof Expr.Case c) {
            if (c.operand() != null) {
                expr(c.operand(), scope, ctes);
            }
            for (Expr.When w : c.whens()) {
                expr(w.condition(), scope, ctes);
                expr(w.result(), scope, ctes);
            }
            if (c.otherwise() != null) {
                expr(c.otherwise(), scope, ctes);
            }
        } else if (e instanceof Expr.Cast c) {
            expr(c.value(), scope, ctes);
        }
    }

    private void column(Expr.ColumnRef c, Scope scope) throws UnknownNameException {
        List<Identifier> parts = c.parts();
        String col = lower(parts.get(parts.size() - 1));
        List<Identifier> qualifier = parts.subList(0, parts.size() - 1);
        for (Scope s = scope; s != null; s = s.outer) {
            if (qualifier.isEmpty()) {
                if (s.sources.stream().anyMatch(src -> src.columns().contains(col))) {
                    return;
                }
            } else {
                Source src = source(qualifier, s);
                if (src != null) {
                    if (src.columns().contains(col)) {
                        return;
                    }
                    throw new UnknownNameException("unknown column '" + parts.get(parts.size() - 1).name() + "' in "
                            + join(qualifier) + Names.hint(col, src.columns()), c.position());
                }
            }
        }
        if (!qualifier.isEmpty()) {
            throw new UnknownNameException("unknown table '" + join(qualifier) + "' in " + join(parts) + Names.hint(
                    join(qualifier), scope.sources.stream().map(Source::name).toList()), c.position());
        }
        List<String> visible = new ArrayList<>();
        scope.sources.forEach(src -> visible.addAll(src.columns()));
        throw new UnknownNameException("unknown column '" + parts.get(0).name() + "'" + Names.hint(col, visible),
                c.position());
    }

    /** The FROM entry a qualifier names: an alias, a table name, or schema.table. */
    private Source source(List<Identifier> qualifier, Scope scope) {
        String q = join(qualifier).toLowerCase(Locale.ROOT);
        for (Source src : scope.sources) {
            if (src.name().equals(q) || src.name().endsWith("." + q)) {
                return src;
            }
        }
        return null;
    }

    private static String join(List<Identifier> parts) {
        return String.join(".", parts.stream().map(Identifier::name).toList());
    }

    /** Regular identifiers are case-insensitive; the published names are lower case. */
    static String lower(Identifier id) {
        return id.delimited() ? id.name() : id.name().toLowerCase(Locale.ROOT);
    }

}
