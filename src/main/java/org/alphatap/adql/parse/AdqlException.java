package org.alphatap.adql.parse;

import org.alphatap.adql.ast.Position;

/** A query that cannot be run, with where the problem is: a syntax error or an unknown name. */
public class AdqlException extends Exception {
    private final Position position;

    public AdqlException(String problem, Position position) {
        super(problem + " at " + position);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
