package org.alphatap.adql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.alphatap.adql.ast.Position;

/**
 * Splits ADQL text into tokens: identifiers and keywords, "delimited identifiers", 'strings'
 * (adjacent ones joined), numbers (integer, decimal, exponent, 0x hexadecimal), operators, and
 * {@code --} comments, which are dropped. Anything else is refused here, with its position.
 */
public final class Lexer {
    /**
     * The most digits of a decimal number (a double has 17), of its exponent (a double's is within
     * ±308) and of a hexadecimal number (64 bits).
     */
    private static final int MAX_DIGITS = 64;
    private static final int MAX_EXPONENT_DIGITS = 3;
    private static final int MAX_HEX_DIGITS = 16;

    private final String text;
    private int i;
    private int line = 1;
    private int lineStart;

    private Lexer(String text) {
        this.text = text;
    }

    public static List<Token> tokens(String query) throws AdqlSyntaxException {
        return new Lexer(query).run();
    }

    private List<Token> run() throws AdqlSyntaxException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Position p = position();
            if (i >= text.length()) {
                out.add(new Token(Token.Type.END, "", p));
                return out;
            }
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Token.Type.WORD, text.substring(start, i), p));
            } else if (c == '"') {
                out.add(new Token(Token.Type.DELIMITED, quoted('"', "delimited identifier", p), p));
            } else if (c == '\'') {
                out.add(new Token(Token.Type.STRING, string(p), p));
            } else if (isDigit(c) || (c == '.' && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) {
                out.add(new Token(Token.Type.NUMBER, number(p), p));
            } else {
                out.add(new Token(Token.Type.SYMBOL, symbol(p), p));
            }
        }
    }

    private void skipSpaceAndComments() {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                i++;
                line++;
                lineStart = i;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    /**
     * A string literal; literals separated only by spaces, line breaks and comments are one, as in
     * SQL ({@code 'qua' -- note} on one line, {@code 'tsch'} on the next, is 'quatsch').
     */
    private String string(Position p) throws AdqlSyntaxException {
        StringBuilder b = new StringBuilder(quoted('\'', "string", p));
        while (true) {
            int at = i;
            int atLine = line;
            int atLineStart = lineStart;
            skipSpaceAndComments();
            if (i < text.length() && text.charAt(i) == '\'') {
                b.append(quoted('\'', "string", position()));
            } else {
                i = at;
                line = atLine;
                lineStart = atLineStart;
                return b.toString();
            }
        }
    }

    private Position position() {
        return new Position(line, i - lineStart + 1);
    }

    /** Text between quotes; a doubled quote stands for one. */
    private String quoted(char quote, String what, Position p) throws AdqlSyntaxException {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= text.length()) {
                throw new AdqlSyntaxException("unterminated " + what + ": no closing " + quote, p);
            }
            char c = text.charAt(i++);
            if (c == quote) {
                if (i < text.length() && text.charAt(i) == quote) {
                    b.append(quote);
                    i++;
                    continue;
                }
                if (quote == '"' && b.isEmpty()) {
                    throw new AdqlSyntaxException("empty delimited identifier \"\"", p);
                }
                return b.toString();
            }
            if (c == '\n') {
                line++;
                lineStart = i;
            }
            b.append(c);
        }
    }

    /**
     * A number, ASCII digits only (the text goes to H2 as written). Its size is bounded: H2
     * computes with exact decimals, and an exponent in the millions makes one addition take
     * seconds, outside any statement timeout.
     */
    private String number(Position p) throws AdqlSyntaxException {
        int start = i;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            i += 2;
            int digits = skip(Lexer::isHexDigit);
            if (digits == 0) {
                throw new AdqlSyntaxException("hexadecimal number without digits", p);
            }
            limit(digits, MAX_HEX_DIGITS, "hexadecimal digits", start, p);
        } else {
            int digits = skip(Lexer::isDigit);
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                digits += skip(Lexer::isDigit);
            }
            limit(digits, MAX_DIGITS, "digits", start, p);
            if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                int mark = i++;
                if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    i++;
                }
                int exponent = skip(Lexer::isDigit);
                if (exponent == 0) {
                    i = mark;
                    throw new AdqlSyntaxException("malformed exponent in number '" + text.substring(start, mark + 1)
                            + "'", p);
                }
                limit(exponent, MAX_EXPONENT_DIGITS, "exponent digits", start, p);
            }
        }
        if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            throw new AdqlSyntaxException("a number runs into '" + text.charAt(i) + "'; separate them with a space", p);
        }
        return text.substring(start, i);
    }

    /** Moves past the characters that {@code accept}; returns how many. */
    private int skip(IntPredicate accept) {
        int start = i;
        while (i < text.length() && accept.test(text.charAt(i))) {
            i++;
        }
        return i - start;
    }

    private void limit(int count, int max, String what, int start, Position p) throws AdqlSyntaxException {
        if (count > max) {
            String shown = text.substring(start, Math.min(i, start + 20)) + (i - start > 20 ? "…" : "");
            throw new AdqlSyntaxException("the number " + shown + " has " + count + " " + what + "; at most " + max
                    + " are allowed", p);
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private String symbol(Position p) throws AdqlSyntaxException {
        for (String s : new String[] {"<>", "!=", "<=", ">=", "||"}) {
            if (text.startsWith(s, i)) {
                i += 2;
                return s;
            }
        }
        char c = text.charAt(i);
        if (text.startsWith("/*", i)) {
            throw new AdqlSyntaxException("block comments are not ADQL: comment with -- to the end of the line", p);
        }
        if ("(),.*+-/=<>;".indexOf(c) >= 0) {
            i++;
            return String.valueOf(c);
        }
        throw new AdqlSyntaxException("unexpected character '" + c + "'"
                + (c == '`' ? "; quote identifiers with double quotes" : ""), p);
    }
}
