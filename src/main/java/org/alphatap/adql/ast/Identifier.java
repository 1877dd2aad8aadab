package org.alphatap.adql.ast;


/** A name: regular (case-insensitive) or "delimited" (exact). */
public record Identifier(String name, boolean delimited, Position position) {
}
