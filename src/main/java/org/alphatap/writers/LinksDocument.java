package org.alphatap.writers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A DataLink 1.1 {links} response: the columns the standard lists, in its order, one row per
 * link (the rows of one ID together), the service descriptors the rows' service_def name after
 * the results, and QUERY_STATUS OVERFLOW when the request had more IDs than are answered.
 */
public final class LinksDocument {
    public static final String CONTENT_TYPE = "application/x-votable+xml;content=datalink";
    public static final String STANDARD_ID = "ivo://ivoa.net/std/DataLink#links-1.1";

    /** One row: exactly one of accessUrl, serviceDef and errorMessage is set. */
    public record Link(String id, String accessUrl, String serviceDef, String errorMessage, String semantics,
            String description, String contentType) {
        public static Link error(String id, String message) {
            return new Link(id, null, null, message, "#this", null, null);
        }
    }

    private static final String[][] FIELDS = {
        {"ID", "char", "meta.id;meta.main", "Input identifier"},
        {"access_url", "char", "meta.ref.url", "Link to the data or page"},
        {"service_def", "char", "meta.ref", "Reference to a service descriptor resource"},
        {"error_message", "char", "meta.code.error", "Why there is no link for this ID"},
        {"description", "char", "meta.note", "What the link leads to"},
        {"semantics", "char", "meta.code", "What the link is to this ID (datalink/core vocabulary)"},
        {"content_type", "char", "meta.code.mime", "MIME type of what the link returns"},
        {"content_length", "long", "phys.size;meta.file", "Size of what the link returns, when known"},
        {"content_qualifier", "char", null, "Kind of data product"},
        {"local_semantics", "char", "meta.id.assoc", "Semantics of the link within this service"},
        {"link_auth", "char", "meta.code", "Whether the link needs authentication (false, optional, true)"},
        {"link_authorized", "boolean", "meta.code", "Whether this request is authorized to follow the link"},
    };

    private LinksDocument() {
    }

    public static void write(List<Link> links, List<ServiceDescriptor> descriptors, boolean overflow,
            OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VOTABLE version=\"1.4\""
                + " xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n<RESOURCE type=\"results\">\n"
                + "<INFO name=\"standardID\" value=\"" + STANDARD_ID + "\"/>\n"
                + "<INFO name=\"QUERY_STATUS\" value=\"" + (overflow ? "OVERFLOW" : "OK") + "\"/>\n<TABLE>\n");
        for (String[] f : FIELDS) {
            w.write("<FIELD name=\"" + f[0] + "\" datatype=\"" + f[1] + "\""
                    + (f[1].equals("char") ? " arraysize=\"*\"" : "") + (f[0].equals("content_length")
                            ? " unit=\"byte\"" : "") + (f[2] == null ? "" : " ucd=\"" + f[2] + "\"") + ">"
                    + "<DESCRIPTION>" + f[3] + "</DESCRIPTION></FIELD>\n");
        }
        w.write("<DATA><TABLEDATA>\n");
        for (Link l : links) {
            w.write("<TR>");
            for (String v : new String[] {l.id(), l.accessUrl(), l.serviceDef(), l.errorMessage(), l.description(),
                l.semantics(), l.contentType(), null, null, null, "false", "true"}) {
                w.write(v == null ? "<TD/>" : "<TD>" + XmlText.escape(v) + "</TD>");
            }
            w.write("</TR>\n");
        }
        w.write("</TABLEDATA></DATA>\n</TABLE>\n</RESOURCE>\n");
        for (ServiceDescriptor d : descriptors) {
            w.write(d.xml());
        }
        w.write("</VOTABLE>\n");
        w.flush();
    }
}
