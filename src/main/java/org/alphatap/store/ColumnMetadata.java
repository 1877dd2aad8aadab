package org.alphatap.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.SkyIndex;
import org.alphatap.catalogue.Table;

/**
 * The published tables' metadata kept as data in {@code vo-resources/} (schemas.tsv, tables.tsv,
 * columns.tsv): descriptions, units, UCDs and principal flags, in publication order.
 */
public final class ColumnMetadata {
    public record Column(String table, String name, String unit, String ucd, boolean principal, String description) {
    }

    private final Map<String, String> schemas;
    private final Map<String, String> tables;
    private final List<Column> columns;

    private ColumnMetadata(Map<String, String> schemas, Map<String, String> tables, List<Column> columns) {
        this.schemas = schemas;
        this.tables = tables;
        this.columns = columns;
    }

    public static ColumnMetadata load() throws IOException {
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String[] f : rows("/vo-resources/schemas.tsv", 2)) {
            schemas.put(f[0], f[1]);
        }
        Map<String, String> tables = new LinkedHashMap<>();
        for (String[] f : rows("/vo-resources/tables.tsv", 2)) {
            tables.put(f[0], f[1]);
        }
        List<Column> columns = new ArrayList<>();
        for (String[] f : rows("/vo-resources/columns.tsv", 6)) {
            columns.add(new Column(f[0], f[1], f[2], f[3], f[4].equals("1"), f[5]));
        }
        return new ColumnMetadata(schemas, tables, columns);
    }

    /** Schema names with their descriptions, in publication order. */
    public Map<String, String> schemas() {
        return schemas;
    }

    /** Table names with their descriptions, in publication order. */
    public Map<String, String> tables() {
        return tables;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Column> columns(String table) {
        return columns.stream().filter(c -> c.table().equals(table)).toList();
    }

    /**
     * The catalogue as these files describe it, without a database: names, units, UCDs and
     * descriptions (no datatypes or keys), for checking ADQL offline. Of the indexes only the sky
     * index is assumed: the build indexes every pos.healpix column (schema/alpha-keys.sql).
     */
    public Catalogue catalogue() {
        List<Catalogue.Schema> s = new ArrayList<>();
        schemas.forEach((name, description) -> s.add(new Catalogue.Schema(name, description)));
        List<Table> t = new ArrayList<>();
        tables.forEach((name, description) -> t.add(new Table(name.substring(0, name.indexOf('.')), name, description,
                columns(name).stream().map(c -> new org.alphatap.catalogue.Column(c.name(), null, null, null, c.unit(),
                        c.ucd(), null, c.description(), c.principal(), SkyIndex.HEALPIX_UCD.equals(c.ucd()), false))
                        .toList(), List.of())));
        return new Catalogue(s, t);
    }

    private static List<String[]> rows(String resource, int fields) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = ColumnMetadata.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("metadata " + resource + " is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != fields) {
                    throw new IOException(resource + " line " + lineNo + ": " + fields + " tab-separated fields expected, found "
                            + f.length);
                }
                out.add(f);
            }
        }
        return out;
    }
}
