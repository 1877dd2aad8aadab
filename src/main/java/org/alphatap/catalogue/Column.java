package org.alphatap.catalogue;

/**
 * One published column, as TAP_SCHEMA.columns holds it.
 *
 * @param name      the bare name (a reserved word is published delimited; this holds it without quotes)
 * @param datatype  the VOTable datatype; {@code arraysize} and {@code xtype} null when none
 */
public record Column(String name, String datatype, String arraysize, String xtype, String unit, String ucd,
        String utype, String description, boolean principal, boolean indexed, boolean std) {

    /** A column of an uploaded or derived table: known by its name and what its source said of it. */
    public static Column of(Field f) {
        return new Column(f.name(), null, null, f.xtype(), f.unit(), f.ucd(), null, f.description(), false, false,
                false);
    }

    /** What this column says of itself in a result. */
    public Field field() {
        return new Field(name, unit, ucd, description, xtype);
    }

    /** Whether the UCD is {@code ucd}, compared case-insensitively. */
    public boolean hasUcd(String ucd) {
        return this.ucd != null && this.ucd.equalsIgnoreCase(ucd);
    }
}
