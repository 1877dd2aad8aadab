package org.alphatap.adql.ast;

import org.alphatap.adql.ast.Position;

/** A name: regular (case-insensitive) or "delimited" (exact). */
public record Identifier(String name, boolean delimited, Position position) {
}
