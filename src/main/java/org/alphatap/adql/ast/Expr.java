package org.alphatap.adql.ast;

import java.util.List;

/** ADQL value and condition expressions; every node knows where it starts in the query. */
public sealed interface Expr {
    Position position();

    /** A number ({@code 12}, {@code 1.5e-3}, {@code 0x1F}), a 'string', or NULL. */
    record Literal(Kind kind, String text, Position position) implements Expr {
        public enum Kind { NUMBER, STRING, NULL }
    }

    /** [[schema.]table.]column */
    record ColumnRef(List<Identifier> parts, Position position) implements Expr {
    }

    /** Unary + or −. */
    record Unary(String operator, Expr operand, Position position) implements Expr {
    }

    /** Arithmetic (+ − * /), concatenation (||), comparison (= <> < > <= >=) and AND, OR. */
    record Binary(String operator, Expr left, Expr right, Position position) implements Expr {
    }

    record Not(Expr operand, Position position) implements Expr {
    }

    record Between(Expr value, Expr low, Expr high, boolean negated, Position position) implements Expr {
    }

    record Like(Expr value, Expr pattern, boolean negated, boolean caseInsensitive, Position position)
            implements Expr {
    }

    record IsNull(Expr value, boolean negated, Position position) implements Expr {
    }

    record InList(Expr value, List<Expr> items, boolean negated, Position position) implements Expr {
    }

    record InQuery(Expr value, Query query, boolean negated, Position position) implements Expr {
    }

    record Exists(Query query, Position position) implements Expr {
    }

    /** A scalar subquery used as a value. */
    record Subquery(Query query, Position position) implements Expr {
    }

    /** Any function call, aggregates included; {@code star} for COUNT(*). */
    record Function(String name, List<Expr> arguments, boolean distinct, boolean star, Position position)
            implements Expr {
    }

    /** CASE [operand] WHEN … THEN … [ELSE …] END */
    record Case(Expr operand, List<When> whens, Expr otherwise, Position position) implements Expr {
    }

    record When(Expr condition, Expr result) {
    }

    /** CAST(value AS type), the type as written, e.g. "DOUBLE PRECISION", "CHAR(10)". */
    record Cast(Expr value, String type, Position position) implements Expr {
    }
}
