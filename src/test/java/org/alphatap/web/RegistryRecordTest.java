package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.alphatap.store.Fixture;
import org.alphatap.tap.ConeSearch;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The registry record as the real server serves it: valid against the IVOA schemas (local copies,
 * no network), and declaring the settings the server runs with, which are not the defaults here
 * so that a value written into the template instead of filled in shows.
 */
@ExtendWith(VertxExtension.class)
class RegistryRecordTest {
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final SyncQuery.Limits LIMITS = new SyncQuery.Limits(1234, 56789, 5, 1 << 20, 64, 7.5);
    private static HttpServer server;
    private static TapClient client;
    private static String record;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        Fixture.write(dir);
        server = TapServer.start(vertx, dir, "127.0.0.1", 0, LIMITS, AsyncSettings.defaults()).await();
        client = new TapClient(server.actualPort());
        HttpResponse<String> r = client.get("/registry-record.xml");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        record = r.body();
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    @Test
    void theRecordIsValidAgainstTheIvoaSchemas() throws Exception {
        Validator validator = RegistrySchemas.load().newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.validate(new StreamSource(new StringReader(record)));
    }

    @Test
    void theRecordIsACatalogServiceWithAPlaceholderIdentifier() throws Exception {
        Element root = parse(record).getDocumentElement();
        assertEquals("vs:CatalogService", root.getAttributeNS(XSI, "type"));
        assertEquals("ivo://alphatap.example/tap", text(root, "identifier"));
        assertFalse(record.contains("<!--"), "the template's comments are for its editors, not served");
    }

    @Test
    void theTapCapabilityIsTheOneTheCapabilitiesEndpointDeclares() throws Exception {
        Element inRecord = capability(parse(record), "ivo://ivoa.net/std/TAP");
        Element served = capability(parse(client.get("/tap/capabilities").body()), "ivo://ivoa.net/std/TAP");
        assertTrue(inRecord.isEqualNode(served), "the TAP capability of the record and of /tap/capabilities differ");
        Element limit = child(inRecord, "outputLimit");
        assertEquals(Long.toString(LIMITS.defaultMaxrec()), text(limit, "default"));
        assertEquals(Long.toString(LIMITS.hardMaxrec()), text(limit, "hard"));
    }

    @Test
    void everyConeSearchIsDeclaredWithTheServedLimitsAndUrls() throws Exception {
        Set<String> urls = new TreeSet<>();
        for (Element c : capabilities(parse(record), "ivo://ivoa.net/std/ConeSearch")) {
            assertEquals("cs:ConeSearch", c.getAttributeNS(XSI, "type"));
            assertEquals(LIMITS.maxConeRadius(), Double.parseDouble(text(c, "maxSR")));
            assertEquals(LIMITS.defaultMaxrec(), Long.parseLong(text(c, "maxRecords")));
            urls.add(text(child(c, "interface"), "accessURL"));
        }
        Set<String> served = new TreeSet<>();
        List.of("stars", "clusters").forEach(name -> served.add(client.base + "/scs/" + name + "?"));
        assertEquals(served, urls);
    }

    @Test
    void theConeTestQueriesAreAcceptedByTheService() throws Exception {
        for (Element c : capabilities(parse(record), "ivo://ivoa.net/std/ConeSearch")) {
            Element q = child(c, "testQuery");
            String url = text(child(c, "interface"), "accessURL") + "RA=" + text(q, "ra") + "&DEC=" + text(q, "dec")
                    + "&SR=" + text(q, "sr");
            HttpResponse<String> r = client.get(url.substring(client.base.length()));
            assertEquals(200, r.statusCode());
            assertFalse(r.body().contains("name=\"Error\""), r.body());
        }
    }

    @Test
    void theTablesetListsTheTablesOfTapTables() throws Exception {
        assertEquals(tableNames(parse(client.get("/tap/tables").body())), tableNames(parse(record)));
    }

    private static Set<String> tableNames(Document doc) {
        Set<String> names = new TreeSet<>();
        var tables = doc.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            names.add(text((Element) tables.item(i), "name"));
        }
        return names;
    }

    private static Element capability(Document doc, String standardId) {
        List<Element> found = capabilities(doc, standardId);
        assertEquals(1, found.size(), standardId);
        return found.get(0);
    }

    private static List<Element> capabilities(Document doc, String standardId) {
        List<Element> out = new ArrayList<>();
        var all = doc.getElementsByTagName("capability");
        for (int i = 0; i < all.getLength(); i++) {
            Element c = (Element) all.item(i);
            if (c.getAttribute("standardID").equals(standardId)) {
                out.add(c);
            }
        }
        assertFalse(out.isEmpty(), "no capability " + standardId);
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getTagName());
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
