package org.alphatap.adql.ast;

import java.util.List;

/** A whole ADQL query: WITH items, a select or set operation, ORDER BY and OFFSET. */
public record Query(List<With> with, Body body, List<Order> orderBy, Long offset, Position position) {

    /** WITH name AS (query) */
    public record With(Identifier name, Query query) {
    }

    public record Order(Expr expression, boolean descending) {
    }

    public sealed interface Body {
        Position position();
    }

    /** SELECT [DISTINCT] [TOP n] items FROM … [WHERE] [GROUP BY] [HAVING] */
    public record Select(boolean distinct, Long top, List<Item> items, List<From> from, Expr where,
            List<Expr> groupBy, Expr having, Position position) implements Body {
    }

    /** UNION, INTERSECT or EXCEPT [ALL]. */
    public record SetOperation(String operator, boolean all, Body left, Body right, Position position) implements Body {
    }

    /** A query in parentheses inside a set operation. */
    public record Nested(Query query, Position position) implements Body {
    }

    public sealed interface Item {
    }

    /** * or qualifier.* */
    public record AllColumns(List<Identifier> qualifier, Position position) implements Item {
    }

    public record Column(Expr expression, Identifier alias) implements Item {
    }

    public sealed interface From {
        Position position();
    }

    public record Table(List<Identifier> name, Identifier alias, Position position) implements From {
    }

    public record Derived(Query query, Identifier alias, Position position) implements From {
    }

    /** type: INNER, LEFT, RIGHT, FULL or CROSS. */
    public record Join(From left, String type, boolean natural, From right, Expr on, List<Identifier> using,
            Position position) implements From {
    }
}
