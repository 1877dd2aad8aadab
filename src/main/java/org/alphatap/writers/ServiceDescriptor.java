package org.alphatap.writers;

import java.util.List;

/**
 * A DataLink service descriptor: a RESOURCE of type meta, utype adhoc:service, that tells a
 * client how to call a service, with input parameters either fixed or taken from a column of
 * the table beside it (ref to the FIELD's ID). TOPCAT's activation actions and pyvo read it.
 */
public record ServiceDescriptor(String id, String name, String description, String standardId, String accessUrl,
        String contentType, List<Input> inputs) {

    /** An input parameter: a fixed value, or (with {@code ref}) the value of a column per row. */
    public record Input(String name, String datatype, String unit, String value, String ref) {
    }

    /** The descriptor as a top-level VOTable RESOURCE. */
    public String xml() {
        StringBuilder x = new StringBuilder("<RESOURCE type=\"meta\" utype=\"adhoc:service\"");
        attribute(x, "ID", id);
        attribute(x, "name", name);
        x.append(">\n");
        if (description != null) {
            x.append("<DESCRIPTION>").append(XmlText.escape(description)).append("</DESCRIPTION>\n");
        }
        param(x, "standardID", standardId);
        param(x, "accessURL", accessUrl);
        param(x, "contentType", contentType);
        x.append("<GROUP name=\"inputParams\">\n");
        for (Input in : inputs) {
            x.append("<PARAM");
            attribute(x, "name", in.name());
            attribute(x, "datatype", in.datatype());
            if (in.datatype().equals("char")) {
                attribute(x, "arraysize", "*");
            }
            attribute(x, "unit", in.unit());
            attribute(x, "value", in.value() == null ? "" : in.value());
            attribute(x, "ref", in.ref());
            x.append("/>\n");
        }
        return x.append("</GROUP>\n</RESOURCE>\n").toString();
    }

    private static void param(StringBuilder x, String name, String value) {
        if (value != null) {
            x.append("<PARAM name=\"").append(name).append("\" datatype=\"char\" arraysize=\"*\" value=\"")
                    .append(XmlText.escape(value)).append("\"/>\n");
        }
    }

    private static void attribute(StringBuilder x, String name, String value) {
        if (value != null) {
            x.append(' ').append(name).append("=\"").append(XmlText.escape(value)).append('"');
        }
    }
}
