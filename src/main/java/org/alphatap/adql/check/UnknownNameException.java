package org.alphatap.adql.check;

import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.ast.Position;

/** A table, column or function the query names that does not exist, with the nearest known name. */
public class UnknownNameException extends AdqlException {
    public UnknownNameException(String problem, Position position) {
        super(problem, position);
    }
}
