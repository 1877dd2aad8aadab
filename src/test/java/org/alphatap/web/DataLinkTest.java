package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * DataLink on a real build: the descriptor in TAP and cone-search results, the links of stars and
 * clusters (each followed where it leads to this service), and the faults.
 */
@ExtendWith(VertxExtension.class)
class DataLinkTest {
    private static final String DID = "ivo://alphatap.example/alpha.stars?";
    private static HttpServer server;
    private static TapClient client;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        server = TapServer.start(vertx, BuiltFixture.data(), "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                AsyncSettings.defaults()).await();
        client = new TapClient(server.actualPort());
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    private String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** One star with a Gaia source and a cluster membership: obsid, teff. */
    private String[] memberStar() throws Exception {
        String csv = client.get("/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + TapClient.enc("SELECT TOP 1"
                + " s.obsid, s.teff, m.cluster FROM alpha.stars AS s JOIN alpha.members AS m ON m.obsid = s.obsid"
                + " WHERE s.gaia_source_id IS NOT NULL AND s.teff IS NOT NULL ORDER BY s.obsid")).body();
        return csv.lines().skip(1).findFirst().orElseThrow().split(",");
    }

    @Test
    void tapAndConeResultsCarryTheLinksDescriptor() throws Exception {
        String doc = client.get("/tap/sync?LANG=ADQL&QUERY=" + TapClient.enc("SELECT TOP 2 obsid, pub_did FROM"
                + " alpha.stars")).body();
        assertTrue(doc.matches("(?s).*<FIELD[^>]*ID=\"datalink_id\"[^>]*name=\"pub_did\".*|.*<FIELD[^>]*name=\"pub_did\""
                + "[^>]*ID=\"datalink_id\".*"), doc);
        assertTrue(doc.contains("<RESOURCE type=\"meta\" utype=\"adhoc:service\""), doc);
        assertTrue(doc.contains("value=\"" + base() + "/datalink/alpha.stars\""), doc);
        assertTrue(doc.contains("value=\"ivo://ivoa.net/std/DataLink#links-1.1\""), doc);
        assertTrue(doc.contains("<PARAM name=\"ID\" datatype=\"char\" arraysize=\"*\" value=\"\" ref=\"datalink_id\"/>"));
        assertTrue(doc.indexOf("adhoc:service") > doc.indexOf("</RESOURCE>"), "a top-level resource after the results");

        String without = client.get("/tap/sync?LANG=ADQL&QUERY=" + TapClient.enc("SELECT TOP 2 obsid FROM"
                + " alpha.stars")).body();
        assertTrue(!without.contains("adhoc:service"), "no ID column, no descriptor");

        String job = client.createJob("LANG=ADQL&PHASE=RUN&QUERY=" + TapClient.enc("SELECT TOP 2 pub_did FROM alpha.stars"));
        client.awaitFinished(job);
        String async = client.get("/tap/async/" + job + "/results/result").body();
        assertTrue(async.contains("value=\"" + base() + "/datalink/alpha.stars\""), "async results too: " + async);

        String cone = client.get("/scs/clusters?RA=0&DEC=0&SR=180&VERB=1&MAXREC=3").body();
        assertTrue(cone.contains("value=\"" + base() + "/datalink/alpha.clusters\""), cone);
    }

    @Test
    void aStarLinksToItsSpectrumGaiaItsClusterAndPredict() throws Exception {
        String[] star = memberStar();
        Map<String, List<String[]>> links = links(client.get("/datalink/alpha.stars?ID=" + TapClient.enc(DID
                + star[0])));
        assertEquals(List.of("#this", "#preview", "#counterpart", "#auxiliary", "#proc"), List.copyOf(links.keySet()));
        assertEquals("https://www.lamost.org/dr11/v1.0/spectrum/fits/" + star[0], links.get("#this").get(0)[1]);
        assertEquals("https://www.lamost.org/dr11/v1.0/spectrum/view?obsid=" + star[0],
                links.get("#preview").get(0)[1]);
        assertTrue(links.get("#counterpart").get(0)[1].startsWith(
                "https://gea.esac.esa.int/data-server/datalink/links?ID=Gaia+DR3+"), links.get("#counterpart").get(0)[1]);
        for (List<String[]> rows : links.values()) {
            for (String[] r : rows) {
                assertEquals(DID + star[0], r[0]);
                if (r[1] != null) {
                    assertNotNull(new URI(r[1]).getHost(), "a well-formed absolute URL: " + r[1]);
                }
            }
        }
        // The cluster link is a query of this service, and it finds the star's cluster.
        String cluster = client.get(links.get("#auxiliary").get(0)[1].substring(base().length()) + "&RESPONSEFORMAT=csv")
                .body();
        assertTrue(cluster.lines().skip(1).anyMatch(l -> l.startsWith(star[2] + ",")), cluster);
    }

    @Test
    void predictIsADescriptorWithTheStarsInputs() throws Exception {
        String[] star = memberStar();
        String doc = client.get("/datalink/alpha.stars?ID=" + TapClient.enc(DID + star[0])).body();
        Matcher m = Pattern.compile("(?s)<RESOURCE type=\"meta\" utype=\"adhoc:service\" ID=\"(proc-1)\".*?"
                + "name=\"accessURL\" datatype=\"char\" arraysize=\"\\*\" value=\"([^\"]+)\".*?"
                + "<PARAM name=\"teff\" datatype=\"float\" unit=\"K\" value=\"([^\"]+)\"").matcher(doc);
        assertTrue(m.find(), doc);
        assertEquals(base() + "/predict", m.group(2));
        assertEquals(Double.parseDouble(star[1]), Double.parseDouble(m.group(3)), 1e-3);
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher p = Pattern.compile("<PARAM name=\"([a-z_]+)\" datatype=\"(?:float|double)\"[^>]* value=\"([^\"]*)\"")
                .matcher(doc);
        while (p.find()) {
            if (!p.group(2).isEmpty()) {
                inputs.put(p.group(1), p.group(2));
            }
        }
        StringBuilder query = new StringBuilder("/predict?");
        inputs.forEach((k, v) -> query.append(k).append('=').append(v).append('&'));
        HttpResponse<String> predicted = client.get(query.toString());
        assertEquals(200, predicted.statusCode(), predicted.body());
    }

    @Test
    void aClusterLinksToItsMembers() throws Exception {
        String csv = client.get("/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + TapClient.enc("SELECT TOP 1"
                + " cluster, COUNT(*) AS n FROM alpha.members GROUP BY cluster ORDER BY n DESC, cluster")).body();
        String[] top = csv.lines().skip(1).findFirst().orElseThrow().split(",");
        Map<String, List<String[]>> links = links(client.get("/datalink/alpha.clusters?ID=" + TapClient.enc(top[0])));
        String members = links.get("#progenitor").get(0)[1];
        String rows = client.get(members.substring(base().length()) + "&RESPONSEFORMAT=csv").body();
        assertEquals(Long.parseLong(top[1]), rows.lines().skip(1).count(), rows);
    }

    @Test
    void manyIdsAnswerInOrderAndUnknownOnesAreFaults() throws Exception {
        String[] star = memberStar();
        HttpResponse<String> r = client.post("/datalink/alpha.stars", "ID=" + TapClient.enc("ivo://elsewhere/x?1")
                + "&ID=" + TapClient.enc(DID + star[0]) + "&ID=" + TapClient.enc(DID + "999999999999"));
        assertEquals(200, r.statusCode());
        assertEquals("application/x-votable+xml;content=datalink", r.headers().firstValue("Content-Type").orElse(""));
        List<String[]> rows = rows(r.body());
        assertEquals(7, rows.size(), "one fault, the star's five links, one fault: each ID answered once");
        assertTrue(rows.get(0)[3].startsWith("NotFoundFault"), rows.get(0)[3]);
        for (int i = 1; i <= 5; i++) {
            assertEquals(DID + star[0], rows.get(i)[0]);
        }
        assertTrue(rows.get(6)[3].startsWith("NotFoundFault"));
        assertEquals(5, rows(client.get("/datalink/alpha.stars?ID=" + TapClient.enc(DID + star[0]) + "&ID="
                + TapClient.enc(DID + star[0])).body()).size(), "an ID sent twice is answered once");
        assertEquals(400, client.get("/datalink/alpha.stars").statusCode());
        assertEquals(404, client.get("/datalink/alpha.models?ID=1").statusCode());
    }

    /** The rows of a links document by semantics, in order: ID, access_url, service_def, error_message. */
    private static Map<String, List<String[]>> links(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        for (String[] row : rows(r.body())) {
            out.computeIfAbsent(row[5], k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    private static List<String[]> rows(String doc) throws Exception {
        StarTable t = new VOTableBuilder().makeStarTable(new ByteArrayDataSource("links", doc.getBytes("UTF-8")),
                false, uk.ac.starlink.table.StoragePolicy.PREFER_MEMORY);
        assertEquals("ID", t.getColumnInfo(0).getName());
        assertEquals("semantics", t.getColumnInfo(5).getName());
        List<String[]> out = new ArrayList<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                String[] row = new String[6];
                for (int i = 0; i < 6; i++) {
                    Object v = rs.getCell(i);
                    row[i] = v == null ? null : v.toString();
                }
                out.add(row);
            }
        }
        return out;
    }
}
