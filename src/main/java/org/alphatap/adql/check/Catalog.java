package org.alphatap.adql.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables a query may read, by qualified name (schema.table, lower case), with their columns in order. */
public final class Catalog {
    private final Map<String, List<String>> tables = new LinkedHashMap<>();

    public Catalog add(String qualifiedTable, List<String> columns) {
        tables.put(qualifiedTable.toLowerCase(Locale.ROOT),
                columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
        return this;
    }

    /** A copy of this catalogue with one more table (an upload, for one query). */
    public Catalog with(String qualifiedTable, List<String> columns) {
        Catalog c = new Catalog();
        c.tables.putAll(tables);
        return c.add(qualifiedTable, columns);
    }

    /** The table of a one-, two- or three-part name (catalog.schema.table ignores the catalog), or null. */
    String resolve(List<String> nameParts) {
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

    /** The columns of a table in order, or null. */
    public List<String> columns(String qualifiedTable) {
        return tables.get(qualifiedTable);
    }

    List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }
}
