package org.alphatap.adql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.alphatap.adql.ast.Expr;
import org.alphatap.adql.ast.Identifier;
import org.alphatap.adql.ast.Position;
import org.alphatap.adql.ast.Query;
import org.alphatap.catalogue.Names;

/**
 * Recursive-descent parser of ADQL 2.1 queries into the {@link Query} tree. Only SELECT is a
 * query: anything else, and anything after the query, is a syntax error with its position.
 * Reserved words are refused as bare identifiers (quoted, they are fine).
 */
public final class Parser {
    private static final Set<String> RESERVED = Names.RESERVED;
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    /** Words that end an expression list or clause, so an alias cannot be one of them. */
    private static final Set<String> CLAUSE_WORDS = Set.of("FROM", "WHERE", "GROUP", "HAVING", "ORDER", "OFFSET",
            "UNION", "INTERSECT", "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON",
            "USING", "LIMIT");

    /**
     * How deep a query may nest: parentheses, functions, NOT and signs, operators in a row (each
     * one is a level of the tree) and subqueries. Checking, translating and H2's own parser recurse
     * once per level or more, and must not run out of stack on a worker thread (1 MB): H2 needs
     * about four times as much for a subquery as for a parenthesis, so a subquery counts as four.
     * Measured: every kind of nesting just within these limits runs on half that stack.
     */
    static final int MAX_DEPTH = 128;
    private static final int SUBQUERY_LEVELS = 4;
    /**
     * Subqueries in FROM and WITH items: H2 makes each a view and plans it again for every view
     * around it, so the time grows exponentially with their nesting, beyond any statement timeout
     * (seven levels take a second, fifteen minutes). The limits keep the worst case well under one.
     */
    static final int MAX_VIEW_DEPTH = 5;
    static final int MAX_VIEWS = 16;
    /** The types CAST may name (ADQL 2.1), and the longest CHAR or VARCHAR: H2 pads CHAR(n) out to n. */
    private static final Set<String> CAST_TYPES = Set.of("SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE PRECISION",
            "CHAR", "VARCHAR", "TIMESTAMP");
    static final int MAX_CAST_LENGTH = 4096;

    private final List<Token> tokens;
    private int k;
    private int depth;
    private int viewDepth;
    private int views;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses one complete query. */
    public static Query parse(String adql) throws AdqlSyntaxException {
        Parser p = new Parser(Lexer.tokens(adql));
        if (p.peek().type() == Token.Type.END) {
            throw new AdqlSyntaxException("empty query: an ADQL query starts with SELECT or WITH", p.peek().position());
        }
        Query q = p.query();
        if (p.peek().isSymbol(";")) {
            p.next();
        }
        if (p.peek().type() != Token.Type.END) {
            Token t = p.peek();
            throw new AdqlSyntaxException(t.is("LIMIT") ? "LIMIT is not ADQL: write SELECT TOP n instead"
                    : "unexpected " + t.describe() + " after the end of the query"
                            + (t.isSymbol(";") ? "; only one statement is allowed" : ""), t.position());
        }
        return q;
    }

    // ---- queries ----

    private Query query() throws AdqlSyntaxException {
        Position start = peek().position();
        deeper(peek(), SUBQUERY_LEVELS);
        List<Query.With> with = new ArrayList<>();
        if (accept("WITH")) {
            do {
                Identifier name = identifier("a WITH name");
                expect("AS");
                Token open = peek();
                expectSymbol("(");
                with.add(new Query.With(name, view(open)));
                expectSymbol(")");
            } while (acceptSymbol(","));
        }
        Query.Body body = setExpression();
        List<Query.Order> order = new ArrayList<>();
        if (accept("ORDER")) {
            expect("BY");
            do {
                Expr e = valueExpression();
                boolean desc = accept("DESC");
                if (!desc) {
                    accept("ASC");
                }
                order.add(new Query.Order(e, desc));
            } while (acceptSymbol(","));
        }
        Long offset = null;
        if (accept("OFFSET")) {
            offset = unsignedInteger("OFFSET");
        }
        depth -= SUBQUERY_LEVELS;
        return new Query(with, body, order, offset, start);
    }

    /** A subquery that H2 makes a view of: in FROM, or a WITH item. */
    private Query view(Token start) throws AdqlSyntaxException {
        if (++views > MAX_VIEWS) {
            throw new AdqlSyntaxException("the query has more than " + MAX_VIEWS + " subqueries in FROM and WITH;"
                    + " join the tables directly or split the query", start.position());
        }
        if (++viewDepth > MAX_VIEW_DEPTH) {
            throw new AdqlSyntaxException("subqueries in FROM nest more than " + MAX_VIEW_DEPTH + " deep; join"
                    + " the tables directly or split the query", start.position());
        }
        Query q = query();
        viewDepth--;
        return q;
    }

    /**
     * One more level of nesting at {@code at}, refused past {@link #MAX_DEPTH}. The caller gives
     * the level back when the nested part is parsed (a chain such as a + b + c, which is a level
     * per operator, gives all of its levels back at its end); a refused query is parsed no further.
     */
    private void deeper(Token at) throws AdqlSyntaxException {
        deeper(at, 1);
    }

    private void deeper(Token at, int levels) throws AdqlSyntaxException {
        depth += levels;
        if (depth > MAX_DEPTH) {
            throw new AdqlSyntaxException("the query nests more than " + MAX_DEPTH + " levels deep (a level for each"
                    + " parenthesis, function, NOT, sign and operator in a row, four for a subquery); for long lists"
                    + " of alternatives use IN (...)", at.position());
        }
    }

    private Query.Body setExpression() throws AdqlSyntaxException {
        Query.Body left = setTerm();
        int chain = depth;
        while (peek().is("UNION") || peek().is("EXCEPT")) {
            Token op = next();
            deeper(op);
            boolean all = accept("ALL");
            left = new Query.SetOperation(op.text().toUpperCase(Locale.ROOT), all, left, setTerm(), op.position());
        }
        depth = chain;
        return left;
    }

    private Query.Body setTerm() throws AdqlSyntaxException {
        Query.Body left = setPrimary();
        int chain = depth;
        while (peek().is("INTERSECT")) {
            Token op = next();
            deeper(op);
            boolean all = accept("ALL");
            left = new Query.SetOperation("INTERSECT", all, left, setPrimary(), op.position());
        }
        depth = chain;
        return left;
    }

    private Query.Body setPrimary() throws AdqlSyntaxException {
        if (peek().isSymbol("(")) {
            Position p = next().position();
            Query q = query();
            expectSymbol(")");
            return new Query.Nested(q, p);
        }
        return select();
    }

    private Query.Select select() throws AdqlSyntaxException {
        Token start = peek();
        if (!start.is("SELECT")) {
            throw new AdqlSyntaxException("expected SELECT but found " + start.describe()
                    + "; only SELECT queries are allowed", start.position());
        }
        next();
        boolean distinct = accept("DISTINCT");
        if (!distinct) {
            accept("ALL");
        }
        Long top = accept("TOP") ? unsignedInteger("TOP") : null;
        List<Query.Item> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptSymbol(","));
        if (!peek().is("FROM")) {
            throw new AdqlSyntaxException("expected FROM but found " + peek().describe()
                    + "; an ADQL query needs a FROM clause", peek().position());
        }
        next();
        List<Query.From> from = new ArrayList<>();
        do {
            from.add(tableReference());
        } while (acceptSymbol(","));
        Expr where = accept("WHERE") ? condition() : null;
        List<Expr> groupBy = new ArrayList<>();
        if (accept("GROUP")) {
            expect("BY");
            do {
                groupBy.add(valueExpression());
            } while (acceptSymbol(","));
        }
        Expr having = accept("HAVING") ? condition() : null;
        return new Query.Select(distinct, top, items, from, where, groupBy, having, start.position());
    }

    private Query.Item selectItem() throws AdqlSyntaxException {
        if (peek().isSymbol("*")) {
            return new Query.AllColumns(List.of(), next().position());
        }
        // qualifier.* : identifiers separated by dots, then a star.
        int mark = k;
        List<Identifier> qualifier = new ArrayList<>();
        while (isIdentifierToken(peek()) && tokens.get(k + 1).isSymbol(".")) {
            qualifier.add(identifier("a name"));
            next();
            if (peek().isSymbol("*")) {
                next();
                return new Query.AllColumns(qualifier, qualifier.get(0).position());
            }
        }
        k = mark;
        Expr e = valueExpression();
        return new Query.Column(e, alias());
    }

    /** [AS] alias, when one follows. */
    private Identifier alias() throws AdqlSyntaxException {
        if (accept("AS")) {
            return identifier("an alias after AS");
        }
        Token t = peek();
        if (t.type() == Token.Type.DELIMITED
                || (t.type() == Token.Type.WORD && !CLAUSE_WORDS.contains(t.text().toUpperCase(Locale.ROOT))
                        && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT)))) {
            return identifier("an alias");
        }
        return null;
    }

    private Query.From tableReference() throws AdqlSyntaxException {
        Query.From left = tablePrimary();
        int chain = depth;
        while (true) {
            Token t = peek();
            boolean natural = false;
            String type;
            if (t.is("CROSS") || t.is("NATURAL") || t.is("JOIN") || t.is("INNER") || t.is("LEFT") || t.is("RIGHT")
                    || t.is("FULL")) {
                deeper(t);
            }
            if (t.is("CROSS")) {
                next();
                expect("JOIN");
                left = new Query.Join(left, "CROSS", false, tablePrimary(), null, List.of(), t.position());
                continue;
            }
            if (t.is("NATURAL")) {
                next();
                natural = true;
            }
            Token j = peek();
            if (j.is("JOIN")) {
                type = "INNER";
            } else if (j.is("INNER")) {
                next();
                type = "INNER";
            } else if (j.is("LEFT") || j.is("RIGHT") || j.is("FULL")) {
                next();
                type = j.text().toUpperCase(Locale.ROOT);
                accept("OUTER");
            } else if (natural) {
                throw new AdqlSyntaxException("expected JOIN after NATURAL but found " + j.describe(), j.position());
            } else {
                depth = chain;
                return left;
            }
            expect("JOIN");
            Query.From right = tablePrimary();
            Expr on = null;
            List<Identifier> using = new ArrayList<>();
            if (!natural && accept("ON")) {
                on = condition();
            } else if (!natural && accept("USING")) {
                expectSymbol("(");
                do {
                    using.add(identifier("a column name in USING"));
                } while (acceptSymbol(","));
                expectSymbol(")");
            } else if (!natural) {
                throw new AdqlSyntaxException("expected ON or USING after the joined table but found "
                        + peek().describe(), peek().position());
            }
            left = new Query.Join(left, type, natural, right, on, using, t.position());
        }
    }

    private Query.From tablePrimary() throws AdqlSyntaxException {
        Token t = peek();
        if (t.isSymbol("(")) {
            next();
            if (peek().is("SELECT") || peek().is("WITH")) {
                Query q = view(t);
                expectSymbol(")");
                Identifier alias = alias();
                if (alias == null) {
                    throw new AdqlSyntaxException("a subquery in FROM needs an alias, e.g. (SELECT …) AS t",
                            t.position());
                }
                return new Query.Derived(q, alias, t.position());
            }
            deeper(t);
            Query.From inner = tableReference();
            expectSymbol(")");
            depth--;
            return inner;
        }
        List<Identifier> name = new ArrayList<>();
        name.add(identifier("a table name"));
        while (acceptSymbol(".")) {
            name.add(identifier("a table name after '.'"));
        }
        if (name.size() > 3) {
            throw new AdqlSyntaxException("a table name has at most catalog.schema.table", t.position());
        }
        return new Query.Table(name, alias(), t.position());
    }

    // ---- conditions ----

    private Expr condition() throws AdqlSyntaxException {
        Expr left = conjunction();
        int chain = depth;
        while (peek().is("OR")) {
            Token op = next();
            deeper(op);
            left = new Expr.Binary("OR", left, conjunction(), op.position());
        }
        depth = chain;
        return left;
    }

    private Expr conjunction() throws AdqlSyntaxException {
        Expr left = negation();
        int chain = depth;
        while (peek().is("AND")) {
            Token op = next();
            deeper(op);
            left = new Expr.Binary("AND", left, negation(), op.position());
        }
        depth = chain;
        return left;
    }

    private Expr negation() throws AdqlSyntaxException {
        if (peek().is("NOT")) {
            Token not = next();
            deeper(not);
            Expr e = new Expr.Not(negation(), not.position());
            depth--;
            return e;
        }
        return predicate();
    }

    private Expr predicate() throws AdqlSyntaxException {
        Token t = peek();
        if (t.is("EXISTS")) {
            next();
            return new Expr.Exists(parenthesisedQuery(), t.position());
        }
        if (t.isSymbol("(") && !startsQuery(k + 1) && containsConditionAhead()) {
            next();
            deeper(t);
            Expr c = condition();
            expectSymbol(")");
            depth--;
            return c;
        }
        Expr left = valueExpression();
        Token op = peek();
        if (op.type() == Token.Type.SYMBOL && COMPARISONS.contains(op.text())) {
            next();
            return new Expr.Binary(op.text().equals("!=") ? "<>" : op.text(), left, valueExpression(), op.position());
        }
        boolean negated = false;
        if (op.is("NOT")) {
            next();
            negated = true;
            op = peek();
        }
        if (op.is("BETWEEN")) {
            next();
            Expr low = valueExpression();
            expect("AND");
            return new Expr.Between(left, low, valueExpression(), negated, op.position());
        }
        if (op.is("LIKE") || op.is("ILIKE")) {
            next();
            return new Expr.Like(left, valueExpression(), negated, op.is("ILIKE"), op.position());
        }
        if (op.is("IN")) {
            next();
            if (startsQuery(k)) {
                return new Expr.InQuery(left, parenthesisedQuery(), negated, op.position());
            }
            expectSymbol("(");
            List<Expr> items = new ArrayList<>();
            do {
                items.add(valueExpression());
            } while (acceptSymbol(","));
            expectSymbol(")");
            return new Expr.InList(left, items, negated, op.position());
        }
        if (!negated && op.is("IS")) {
            next();
            boolean not = accept("NOT");
            expect("NULL");
            return new Expr.IsNull(left, not, op.position());
        }
        if (negated) {
            throw new AdqlSyntaxException("expected BETWEEN, LIKE, ILIKE or IN after NOT but found " + op.describe(),
                    op.position());
        }
        if (left instanceof Expr.Function f && isGeometryPredicate(f.name())) {
            throw new AdqlSyntaxException(f.name() + "(…) is a number, not a condition: write " + f.name()
                    + "(…) = 1", op.position());
        }
        throw new AdqlSyntaxException("expected a comparison (=, <, >, <>, BETWEEN, LIKE, IN, IS NULL) but found "
                + op.describe(), op.position());
    }

    /** Whether the parenthesis at k opens a condition such as (a = 1 OR b = 2) rather than a value. */
    private boolean containsConditionAhead() {
        int depth = 0;
        for (int j = k; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    // After the closing parenthesis a comparison means the parentheses held a value.
                    Token after = tokens.get(j + 1);
                    boolean valueFollows = after.type() == Token.Type.SYMBOL && (COMPARISONS.contains(after.text())
                            || "+-*/||".contains(after.text()))
                            || after.is("BETWEEN") || after.is("LIKE") || after.is("ILIKE") || after.is("IN")
                            || after.is("IS") || after.is("NOT");
                    return !valueFollows;
                }
            } else if (depth == 1 && (t.is("AND") || t.is("OR") || t.is("NOT") || t.is("EXISTS")
                    || (t.type() == Token.Type.SYMBOL && COMPARISONS.contains(t.text())) || t.is("BETWEEN")
                    || t.is("LIKE") || t.is("ILIKE") || t.is("IN") || t.is("IS"))) {
                return true;
            } else if (t.type() == Token.Type.END) {
                return false;
            }
        }
        return false;
    }

    private static boolean isGeometryPredicate(String name) {
        return name.equalsIgnoreCase("CONTAINS") || name.equalsIgnoreCase("INTERSECTS");
    }

    // ---- values ----

    private Expr valueExpression() throws AdqlSyntaxException {
        Expr left = term();
        int chain = depth;
        while (peek().isSymbol("+") || peek().isSymbol("-") || peek().isSymbol("||")) {
            Token op = next();
            deeper(op);
            left = new Expr.Binary(op.text(), left, term(), op.position());
        }
        depth = chain;
        return left;
    }

    private Expr term() throws AdqlSyntaxException {
        Expr left = factor();
        int chain = depth;
        while (peek().isSymbol("*") || peek().isSymbol("/")) {
            Token op = next();
            deeper(op);
            left = new Expr.Binary(op.text(), left, factor(), op.position());
        }
        depth = chain;
        return left;
    }

    private Expr factor() throws AdqlSyntaxException {
        if (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = next();
            deeper(op);
            Expr e = new Expr.Unary(op.text(), factor(), op.position());
            depth--;
            return e;
        }
        return primary();
    }

    private Expr primary() throws AdqlSyntaxException {
        Token t = peek();
        switch (t.type()) {
            case NUMBER -> {
                next();
                return new Expr.Literal(Expr.Literal.Kind.NUMBER, t.text(), t.position());
            }
            case STRING -> {
                next();
                return new Expr.Literal(Expr.Literal.Kind.STRING, t.text(), t.position());
            }
            case END -> throw new AdqlSyntaxException("the query ends where a value was expected", t.position());
            default -> {
            }
        }
        if (t.isSymbol("(")) {
            next();
            if (peek().is("SELECT") || peek().is("WITH")) {
                Query q = query();
                expectSymbol(")");
                return new Expr.Subquery(q, t.position());
            }
            deeper(t);
            Expr e = valueExpression();
            expectSymbol(")");
            depth--;
            return e;
        }
        if (t.is("NULL")) {
            next();
            return new Expr.Literal(Expr.Literal.Kind.NULL, "NULL", t.position());
        }
        if (t.is("CASE") || t.is("CAST") || t.type() == Token.Type.WORD && tokens.get(k + 1).isSymbol("(")) {
            deeper(t);
            Expr e = t.is("CASE") ? caseExpression() : t.is("CAST") ? cast() : function();
            depth--;
            return e;
        }
        List<Identifier> parts = new ArrayList<>();
        parts.add(identifier("a value"));
        while (acceptSymbol(".")) {
            parts.add(identifier("a column name after '.'"));
        }
        return new Expr.ColumnRef(parts, t.position());
    }

    private Expr function() throws AdqlSyntaxException {
        Token name = next();
        next(); // (
        String upper = name.text().toUpperCase(Locale.ROOT);
        if (peek().isSymbol("*")) {
            next();
            expectSymbol(")");
            if (!upper.equals("COUNT")) {
                throw new AdqlSyntaxException("only COUNT takes *", name.position());
            }
            return new Expr.Function(upper, List.of(), false, true, name.position());
        }
        boolean distinct = accept("DISTINCT");
        List<Expr> args = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            do {
                // CONTAINS(POINT, CIRCLE) and friends take values; conditions are not arguments.
                args.add(valueExpression());
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        Arity.check(upper, args.size(), name);
        return new Expr.Function(upper, args, distinct, false, name.position());
    }

    private Expr caseExpression() throws AdqlSyntaxException {
        Position p = next().position();
        Expr operand = peek().is("WHEN") ? null : valueExpression();
        List<Expr.When> whens = new ArrayList<>();
        while (accept("WHEN")) {
            Expr when = operand == null ? condition() : valueExpression();
            expect("THEN");
            whens.add(new Expr.When(when, valueExpression()));
        }
        if (whens.isEmpty()) {
            throw new AdqlSyntaxException("CASE needs at least one WHEN … THEN …", peek().position());
        }
        Expr otherwise = accept("ELSE") ? valueExpression() : null;
        expect("END");
        return new Expr.Case(operand, whens, otherwise, p);
    }

    private Expr cast() throws AdqlSyntaxException {
        Position p = next().position();
        expectSymbol("(");
        Expr value = valueExpression();
        expect("AS");
        Token type = peek();
        if (type.type() != Token.Type.WORD) {
            throw new AdqlSyntaxException("expected a type after AS but found " + type.describe(), type.position());
        }
        StringBuilder t = new StringBuilder(next().text().toUpperCase(Locale.ROOT));
        if (t.toString().equals("DOUBLE") && peek().is("PRECISION")) {
            next();
            t.append(" PRECISION");
        }
        if (!CAST_TYPES.contains(t.toString())) {
            throw new AdqlSyntaxException("CAST to " + t + " is not ADQL; the types are SMALLINT, INTEGER, BIGINT,"
                    + " REAL, DOUBLE PRECISION, CHAR(n), VARCHAR(n) and TIMESTAMP", type.position());
        }
        if (acceptSymbol("(")) {
            Token length = peek();
            long n = unsignedInteger("a type length");
            if (!t.toString().endsWith("CHAR") || n < 1 || n > MAX_CAST_LENGTH) {
                throw new AdqlSyntaxException(t.toString().endsWith("CHAR") ? "a CHAR or VARCHAR length is 1 to "
                        + MAX_CAST_LENGTH + ", not " + n : t + " takes no length", length.position());
            }
            t.append('(').append(n).append(')');
            expectSymbol(")");
        }
        expectSymbol(")");
        return new Expr.Cast(value, t.toString(), p);
    }

    private Query parenthesisedQuery() throws AdqlSyntaxException {
        expectSymbol("(");
        Query q = query();
        expectSymbol(")");
        return q;
    }

    private boolean startsQuery(int at) {
        return tokens.get(at).isSymbol("(") && at + 1 < tokens.size()
                && (tokens.get(at + 1).is("SELECT") || tokens.get(at + 1).is("WITH"));
    }

    // ---- tokens ----

    private Identifier identifier(String what) throws AdqlSyntaxException {
        Token t = peek();
        if (t.type() == Token.Type.DELIMITED) {
            next();
            return new Identifier(t.text(), true, t.position());
        }
        if (t.type() == Token.Type.WORD) {
            if (RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
                throw new AdqlSyntaxException("'" + t.text() + "' is a reserved word and cannot be " + what
                        + "; quote it as \"" + t.text() + "\" if it is a name", t.position());
            }
            next();
            return new Identifier(t.text(), false, t.position());
        }
        throw new AdqlSyntaxException("expected " + what + " but found " + t.describe(), t.position());
    }

    private static boolean isIdentifierToken(Token t) {
        return t.type() == Token.Type.DELIMITED
                || (t.type() == Token.Type.WORD && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT)));
    }

    private long unsignedInteger(String what) throws AdqlSyntaxException {
        Token t = peek();
        if (t.type() != Token.Type.NUMBER || !t.text().chars().allMatch(Character::isDigit)) {
            throw new AdqlSyntaxException(what + " needs a whole number, found " + t.describe(), t.position());
        }
        next();
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw new AdqlSyntaxException(what + " is too large: " + t.text(), t.position());
        }
    }

    private Token peek() {
        return tokens.get(k);
    }

    private Token next() {
        return tokens.get(k++);
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            k++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            k++;
            return true;
        }
        return false;
    }

    private void expect(String word) throws AdqlSyntaxException {
        if (!accept(word)) {
            throw new AdqlSyntaxException("expected " + word + " but found " + peek().describe(), peek().position());
        }
    }

    private void expectSymbol(String symbol) throws AdqlSyntaxException {
        if (!acceptSymbol(symbol)) {
            throw new AdqlSyntaxException("expected '" + symbol + "' but found " + peek().describe(),
                    peek().position());
        }
    }
}
