package org.alphatap.adql.ast;

/** Where a token or node starts in the query text: 1-based line and column. */
public record Position(int line, int column) {
    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
