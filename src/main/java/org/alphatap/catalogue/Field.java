package org.alphatap.catalogue;

/**
 * What a result column says of itself in a VOTable FIELD: its name and, when known, unit, UCD,
 * description and xtype (such as an uploaded column's "timestamp").
 */
public record Field(String name, String unit, String ucd, String description, String xtype) {
    public Field(String name, String unit, String ucd, String description) {
        this(name, unit, ucd, description, null);
    }

    public static Field named(String name) {
        return new Field(name, null, null, null);
    }

    /** This column's metadata under another name (an output column's alias). */
    public Field renamed(String newName) {
        return new Field(newName, unit, ucd, description, xtype);
    }
}
