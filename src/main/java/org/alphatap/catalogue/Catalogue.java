package org.alphatap.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatap.sky.Healpix;

/**
 * The published tables, read once from TAP_SCHEMA and handed down to whatever needs to know a
 * table: the checker (names), the SQL writer (sky indexes), the cone search (which tables have a
 * position), VOSI (the tableset) and the writers (what a result column is). A query may see it
 * with its uploaded tables added ({@link #with}).
 */
public final class Catalogue {
    /** A schema and its description. */
    public record Schema(String name, String description) {
    }

    private final List<Schema> schemas;
    private final Map<String, Table> tables;

    public Catalogue(List<Schema> schemas, List<Table> tables) {
        this.schemas = List.copyOf(schemas);
        this.tables = new LinkedHashMap<>();
        for (Table t : tables) {
            this.tables.put(t.name().toLowerCase(Locale.ROOT), t);
        }
    }

    public List<Schema> schemas() {
        return schemas;
    }

    /** Every table, in publication order. */
    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    /** The table of a qualified name (any case), or null. */
    public Table table(String qualified) {
        return tables.get(qualified.toLowerCase(Locale.ROOT));
    }

    /** A copy of this catalogue with one more table (an upload, for one query). */
    public Catalogue with(Table table) {
        List<Table> all = new ArrayList<>(tables.values());
        all.add(table);
        return new Catalogue(schemas, all);
    }

    /**
     * The qualified name of a table given in one, two or three parts (catalog.schema.table
     * ignores the catalog), or null when there is none or a one-part name is ambiguous.
     */
    public String resolve(List<String> nameParts) {
        List<String> parts = new ArrayList<>(nameParts.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        if (parts.size() == 3) {
            parts.remove(0);
        }
        if (parts.size() == 2) {
            String q = parts.get(0) + "." + parts.get(1);
            return tables.containsKey(q) ? q : null;
        }
        String found = null;
        for (String t : tables.keySet()) {
            if (t.substring(t.indexOf('.') + 1).equals(parts.get(0))) {
                if (found != null) {
                    return null; // ambiguous without its schema
                }
                found = t;
            }
        }
        return found;
    }

    /** What a published column says of itself, or null when there is no such column. */
    public Field field(String table, String column) {
        Table t = table(table);
        Column c = t == null ? null : t.column(column);
        return c == null ? null : c.field();
    }

    /** A table's place on the sky (see {@link Table#sky}), or null. */
    public SkyIndex sky(String table) {
        Table t = table(table);
        return t == null ? null : t.sky(Healpix.INDEX_ORDER);
    }
}
