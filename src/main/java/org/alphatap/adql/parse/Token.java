package org.alphatap.adql.parse;

import org.alphatap.adql.ast.Position;

/** One lexical token of an ADQL query. */
public record Token(Type type, String text, Position position) {
    public enum Type {
        /** A regular identifier or keyword (case-insensitive). */
        WORD,
        /** A "delimited identifier": case-sensitive, may be a reserved word. */
        DELIMITED,
        STRING,
        NUMBER,
        /** Punctuation and operators: ( ) , . * + - / || = <> != < > <= >= ; */
        SYMBOL,
        END
    }

    /** Whether this is the keyword {@code word} (case-insensitive), never a delimited identifier. */
    public boolean is(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** How the token is quoted in messages. */
    public String describe() {
        return type == Type.END ? "the end of the query" : "'" + text + "'";
    }
}
