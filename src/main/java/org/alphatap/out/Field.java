package org.alphatap.out;

/** What a result column says of itself in a VOTable FIELD: its name and, when known, unit, UCD, description. */
public record Field(String name, String unit, String ucd, String description) {
    public static Field named(String name) {
        return new Field(name, null, null, null);
    }
}
