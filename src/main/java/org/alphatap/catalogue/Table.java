package org.alphatap.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * One published table, as TAP_SCHEMA describes it: its columns in order, its foreign keys, and
 * what its metadata says of its place on the sky.
 *
 * @param name qualified, lower case: {@code schema.table}
 */
public record Table(String schema, String name, String description, List<Column> columns, List<ForeignKey> keys) {
    public static final String MAIN_ID_UCD = "meta.id;meta.main";

    /** The column of a name (any case), or null. */
    public Column column(String column) {
        for (Column c : columns) {
            if (c.name().equalsIgnoreCase(column)) {
                return c;
            }
        }
        return null;
    }

    /** Column names in order, lower case. */
    public List<String> columnNames() {
        return columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The principal columns, in order. */
    public List<Column> principal() {
        return columns.stream().filter(Column::principal).toList();
    }

    /** The table name without its schema. */
    public String shortName() {
        return name.substring(name.indexOf('.') + 1);
    }

    /** The main identifier column, or null. */
    public Column mainId() {
        return first(MAIN_ID_UCD);
    }

    /**
     * The table's place on the sky from its columns' UCDs, or null when it has no main position.
     * The HEALPix column counts only when it is indexed; its order is the project's one sky order.
     */
    public SkyIndex sky(int healpixOrder) {
        Column ra = first(SkyIndex.RA_UCD);
        Column dec = first(SkyIndex.DEC_UCD);
        if (ra == null || dec == null) {
            return null;
        }
        Column hpx = first(SkyIndex.HEALPIX_UCD);
        boolean usable = hpx != null && hpx.indexed();
        return new SkyIndex(ra.name(), dec.name(), usable ? hpx.name() : null, usable ? healpixOrder : -1);
    }

    private Column first(String ucd) {
        for (Column c : columns) {
            if (c.hasUcd(ucd)) {
                return c;
            }
        }
        return null;
    }
}
