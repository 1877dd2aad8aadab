package org.alphatap.writers;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * Query results as a VOTable 1.4 document written with STIL, row by row from the JDBC cursor: rows
 * are never collected. When MAXREC cut the result, an INFO QUERY_STATUS=OVERFLOW follows the
 * table, as DALI prescribes.
 */
public final class VotableResults {
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n";

    private VotableResults() {
    }

    /** A writer of results as VOTable in the given serialization. */
    public static ResultWriter in(DataFormat format) {
        return (table, out) -> write(table, format, out);
    }

    /** STIL's byte-oriented writer: encoding base64 through a character Writer costs a third of the time. */
    private static void write(StreamedTable table, DataFormat format, OutputStream out) throws IOException {
        BufferedOutputStream b = new BufferedOutputStream(out, 1 << 16);
        b.write((HEADER + "<RESOURCE type=\"results\">\n<INFO name=\"QUERY_STATUS\" value=\"OK\"/>\n")
                .getBytes(StandardCharsets.UTF_8));
        VOSerializer.makeSerializer(format, VOTableVersion.V14, table).writeInlineTableElementUTF8(b);
        b.write(((table.overflow() ? "<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>\n" : "")
                + "</RESOURCE>\n" + table.serviceDescriptors() + "</VOTABLE>\n").getBytes(StandardCharsets.UTF_8));
        b.flush();
    }

    /** A Simple Cone Search error document: an INFO named Error (SCS 1.03), and QUERY_STATUS=ERROR. */
    public static void coneSearchError(String message, OutputStream out) throws IOException {
        errorDocument("<INFO name=\"Error\" value=\"" + XmlText.escape(message) + "\"/>\n", message, out);
    }

    /** A VOTable error document: QUERY_STATUS=ERROR with the message. */
    public static void error(String message, OutputStream out) throws IOException {
        errorDocument("", message, out);
    }

    private static void errorDocument(String before, String message, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(HEADER);
        w.write("<RESOURCE type=\"results\">\n");
        w.write(before);
        w.write("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">" + XmlText.escape(message) + "</INFO>\n");
        w.write("</RESOURCE>\n</VOTABLE>\n");
        w.flush();
    }
}
