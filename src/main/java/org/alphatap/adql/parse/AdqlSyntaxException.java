package org.alphatap.adql.parse;

import org.alphatap.adql.ast.Position;

/** A query that is not ADQL, with where the problem is and, when one is known, how to fix it. */
public class AdqlSyntaxException extends AdqlException {
    public AdqlSyntaxException(String problem, Position position) {
        super(problem, position);
    }
}
