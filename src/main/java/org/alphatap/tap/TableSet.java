package org.alphatap.tap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Column;
import org.alphatap.catalogue.ForeignKey;
import org.alphatap.catalogue.Names;
import org.alphatap.catalogue.Table;
import uk.ac.starlink.votable.VOSerializer;

/**
 * The VOSI 1.1 tableset, written from the catalogue (read from TAP_SCHEMA) once at start-up so
 * that /tables says exactly what TAP_SCHEMA says: the whole set, or one table for /tables/{name}.
 */
public final class TableSet {
    private static final String NS = "xmlns:vosi=\"http://www.ivoa.net/xml/VOSITables/v1.0\""
            + " xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private final Map<String, String> schemaXml = new LinkedHashMap<>();
    private final Map<String, List<String>> tablesOfSchema = new LinkedHashMap<>();
    private final Map<String, String> tableXml = new LinkedHashMap<>();
    /** Each table without its columns and keys, for {@code detail=min}. */
    private final Map<String, String> tableMinXml = new LinkedHashMap<>();

    private TableSet() {
    }

    /** The tableset of the published catalogue. */
    public static TableSet of(Catalogue catalogue) {
        TableSet t = new TableSet();
        for (Table table : catalogue.tables()) {
            StringBuilder b = new StringBuilder();
            element(b, "      ", "name", table.name());
            element(b, "      ", "description", table.description());
            t.tableMinXml.put(table.name(), b.toString());
            for (Column c : table.columns()) {
                b.append("      <column>\n");
                element(b, "        ", "name", Names.published(c.name()));
                element(b, "        ", "description", c.description());
                element(b, "        ", "unit", c.unit());
                element(b, "        ", "ucd", c.ucd());
                b.append("        <dataType xsi:type=\"vs:VOTableType\"")
                        .append(c.arraysize() == null ? "" : " arraysize=\"" + c.arraysize() + "\"")
                        .append('>').append(c.datatype()).append("</dataType>\n");
                if (c.indexed()) {
                    b.append("        <flag>indexed</flag>\n");
                }
                if (c.principal()) {
                    b.append("        <flag>principal</flag>\n");
                }
                if (c.std()) {
                    b.append("        <flag>std</flag>\n");
                }
                b.append("      </column>\n");
            }
            for (ForeignKey k : table.keys()) {
                b.append("      <foreignKey>\n");
                element(b, "        ", "targetTable", k.target());
                for (int i = 0; i < k.from().size(); i++) {
                    b.append("        <fkColumn>\n");
                    element(b, "          ", "fromColumn", k.from().get(i));
                    element(b, "          ", "targetColumn", k.to().get(i));
                    b.append("        </fkColumn>\n");
                }
                b.append("      </foreignKey>\n");
            }
            t.tableXml.put(table.name(), b.toString());
            t.tablesOfSchema.computeIfAbsent(table.schema(), k -> new ArrayList<>()).add(table.name());
        }
        for (Catalogue.Schema s : catalogue.schemas()) {
            StringBuilder b = new StringBuilder();
            element(b, "    ", "name", s.name());
            element(b, "    ", "description", s.description());
            t.schemaXml.put(s.name(), b.toString());
        }
        return t;
    }

    /** The whole tableset document. */
    public String tableset() {
        return document(tableXml);
    }

    /**
     * The tableset at VOSI 1.1's {@code detail}: {@code min} gives each table's name and description
     * only (what a client lists before it asks /tables/{name} for one table's columns), {@code max}
     * or none everything; another value is refused.
     */
    public String tableset(String detail) throws TapException {
        if (detail == null || detail.equalsIgnoreCase("max")) {
            return tableset();
        }
        if (detail.equalsIgnoreCase("min")) {
            return document(tableMinXml);
        }
        throw new TapException(400, "detail must be min (tables without their columns) or max (everything), not '"
                + detail + "'");
    }

    private String document(Map<String, String> tables) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:tableset " + NS + ">\n" + schemas(tables)
                + "</vosi:tableset>\n";
    }

    /**
     * The content of a tableset, its {@code schema} elements: of the VOSI document and of the
     * registry record's {@code vs:TableSet}, which is the same type.
     */
    public String schemas() {
        return schemas(tableXml);
    }

    private String schemas(Map<String, String> tables) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> s : schemaXml.entrySet()) {
            b.append("  <schema>\n").append(s.getValue());
            for (String table : tablesOfSchema.getOrDefault(s.getKey(), List.of())) {
                b.append("    <table type=\"output\">\n").append(tables.get(table)).append("    </table>\n");
            }
            b.append("  </schema>\n");
        }
        return b.toString();
    }

    /** One table's document for /tables/{name}, or null when there is no such table. */
    public String table(String name) {
        String body = tableXml.get(name);
        return body == null ? null : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:table " + NS
                + " type=\"output\">\n" + body + "</vosi:table>\n";
    }

    private static void element(StringBuilder b, String indent, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(indent).append('<').append(name).append('>').append(VOSerializer.formatText(value)).append("</")
                    .append(name).append(">\n");
        }
    }
}
