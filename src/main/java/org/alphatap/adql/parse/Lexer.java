package org.alphatap.adql.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ADQL text into tokens: identifiers and keywords, "delimited identifiers", 'strings',
 * numbers (integer, decimal, exponent, 0x hexadecimal), operators, and {@code --} comments, which
 * are dropped. Anything else is refused here, with its position.
 */
public final class Lexer {
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
                out.add(new Token(Token.Type.STRING, quoted('\'', "string", p), p));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
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

    private String number(Position p) throws AdqlSyntaxException {
        int start = i;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            i += 2;
            while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
                i++;
            }
            if (i == start + 2) {
                throw new AdqlSyntaxException("hexadecimal number without digits", p);
            }
        } else {
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
            if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                int mark = i++;
                if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    i++;
                }
                if (i >= text.length() || !Character.isDigit(text.charAt(i))) {
                    i = mark;
                    throw new AdqlSyntaxException("malformed exponent in number '" + text.substring(start, mark + 1)
                            + "'", p);
                }
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            throw new AdqlSyntaxException("a number runs into '" + text.charAt(i) + "'; separate them with a space", p);
        }
        return text.substring(start, i);
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
