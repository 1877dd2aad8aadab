package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Field;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.CatalogueReader;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.alphatap.store.H2Store;
import org.alphatap.store.Store;
import org.alphatap.survey.Element;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableBuilder;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * /predict on a real build, served on random ports, asked over real HTTP: every catalogue star
 * must get back exactly what the build stored for it, whatever the format it is sent and answered in.
 */
@ExtendWith(VertxExtension.class)
class PredictTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] INPUTS = {"teff", "logg", "feh", "alpha_m", "teff_err", "logg_err", "feh_err",
        "alpha_m_err"};
    private static final int SMALL_LIMIT = 5;

    /** A catalogue row: its inputs and what the build stored, NaN for NULL; the family that answered it. */
    private record Star(long obsid, float[] inputs, float[] stored, int flags, String model) {
    }

    private static Path data;
    private static HttpServer server;
    private static HttpServer limited;
    private static List<Star> catalogue;
    private static Catalogue described;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path copy) throws Exception {
        start(vertx, copy, H2Store::new);
    }

    /**
     * Serves the built fixture, its tables in the store {@code tables} gives for a data directory:
     * its H2 file here, PostgreSQL in {@link PostgresPredictTest}.
     */
    static void start(Vertx vertx, Path copy, Function<Path, Store> tables) throws Exception {
        data = BuiltFixture.data();
        catalogue = catalogue(data);
        described = CatalogueReader.read(data);
        server = TapServer.start(vertx, data, tables.apply(data), "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                AsyncSettings.defaults(), PredictSettings.defaults()).await();
        Path limitedData = BuiltFixture.copyTo(copy);
        limited = TapServer.start(vertx, limitedData, tables.apply(limitedData), "127.0.0.1", 0,
                SyncQuery.Limits.defaults(), AsyncSettings.defaults(), new PredictSettings(SMALL_LIMIT)).await();
    }

    @AfterAll
    static void stop() throws Exception {
        for (HttpServer s : new HttpServer[] {server, limited}) {
            if (s != null) {
                s.close().await();
            }
        }
    }

    /** Without RESPONSEFORMAT, the Accept header chooses the answer's format. */
    @Test
    void theAcceptHeaderChoosesTheFormat() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/predict?teff=5750&logg=4.4&feh=-0.1")).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/csv;header=present", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().lines().findFirst().orElse("").contains("mg_fe"), r.body());
    }

    @Test
    void oneStarByGetInEveryFormatWithTheCatalogueMetadata() throws Exception {
        String star = "teff=5750&LOGG=4.4&Feh=-0.1&teff_err=80";
        HttpResponse<byte[]> votable = get(server, star);
        assertEquals(200, votable.statusCode());
        assertEquals("application/x-votable+xml", type(votable));
        assertTrue(text(votable).contains("<BINARY2>"), "BINARY2 by default");
        StarTable t = votable(votable.body());
        List<String> names = new ArrayList<>(List.of("teff", "logg", "feh", "teff_err"));
        for (Element e : Element.values()) {
            names.add(e.key() + "_fe");
            names.add(e.key() + "_fe_err");
        }
        names.add("flags");
        names.add("model");
        assertEquals(names, columnNames(t));
        for (int i = 0; i < t.getColumnCount(); i++) {
            Field f = described.field("alpha.stars", names.get(i));
            ColumnInfo c = t.getColumnInfo(i);
            assertEquals(f.unit(), c.getUnitString(), c.getName());
            assertEquals(f.ucd(), c.getUCD(), c.getName());
            assertEquals(f.description(), c.getDescription(), c.getName());
        }
        assertEquals("K", t.getColumnInfo(0).getUnitString());
        assertEquals("log(cm.s**-2)", t.getColumnInfo(1).getUnitString());
        assertEquals("dex", t.getColumnInfo(4).getUnitString());
        assertEquals("phys.abund.Fe", t.getColumnInfo(2).getUCD());
        assertEquals("phys.abund", t.getColumnInfo(4).getUCD(), "phys.abund.X would be hydrogen");
        assertEquals("stat.error;phys.abund", t.getColumnInfo(5).getUCD());
        Object[] row = rows(t).get(0);
        assertEquals(5750.0, row[0]);
        assertEquals(80.0, row[3], "an _err input is echoed");
        assertEquals(0, row[row.length - 2], "inside the training box");
        assertEquals("paper", row[row.length - 1], "no alpha_m: the paper's models answer");
        float mg = (Float) row[6];

        String td = text(get(server, star + "&RESPONSEFORMAT=votable/td"));
        assertTrue(td.contains("<TABLEDATA>"), td);
        assertEquals(mg, (Float) rows(votable(td.getBytes(StandardCharsets.UTF_8))).get(0)[6]);

        HttpResponse<byte[]> csv = get(server, star + "&FORMAT=csv");
        assertEquals("text/csv;header=present", type(csv));
        List<String> lines = text(csv).lines().toList();
        assertEquals(String.join(",", names), lines.get(0));
        assertEquals(2, lines.size());
        assertEquals(mg, Float.parseFloat(lines.get(1).split(",")[6]));

        HttpResponse<byte[]> json = get(server, star + "&RESPONSEFORMAT=application/json");
        assertEquals("application/json", type(json));
        JsonNode tree = JSON.readTree(json.body());
        assertEquals("mg_fe", tree.get("columns").get(6).get("name").asText());
        assertEquals("dex", tree.get("columns").get(6).get("unit").asText());
        assertEquals(mg, tree.get("data").get(0).get(6).floatValue());
        assertEquals("OK", tree.get("query_status").asText());
    }

    /** Every star of the catalogue, more than one batch, in each input format: the stored values come back. */
    @Test
    void catalogueStarsGetTheStoredPredictionsFromEveryInputFormat() throws Exception {
        assertTrue(catalogue.size() > 25_000, "more rows than a batch: " + catalogue.size());
        assertTrue(catalogue.stream().anyMatch(s -> (s.flags & 7) != 0), "some stars outside the box");
        assertTrue(catalogue.stream().anyMatch(s -> s.flags == 8), "some stars without input");
        assertStored(votable(post(server, "text/csv", csv(catalogue), "").body()), catalogue);
        assertStored(votable(post(server, "application/x-votable+xml", votableBody(catalogue), "").body()), catalogue);
        assertStored(votable(post(server, "application/json", json(catalogue), "").body()), catalogue);
    }

    @Test
    void catalogueStarsGetTheStoredPredictionsInEveryOutputFormat() throws Exception {
        List<Star> some = new ArrayList<>(catalogue.subList(0, 300));
        catalogue.stream().filter(s -> s.flags != 0 && (s.flags & 16) == 0).limit(50).forEach(some::add);
        byte[] body = csv(some);
        assertStored(votable(post(server, "text/csv", body, "?RESPONSEFORMAT=votable/td").body()), some);
        List<String> lines = text(post(server, "text/csv", body, "?RESPONSEFORMAT=csv")).lines().toList();
        JsonNode data = JSON.readTree(post(server, "text/csv", body, "?RESPONSEFORMAT=json").body()).get("data");
        assertEquals(some.size() + 1, lines.size());
        assertEquals(some.size(), data.size());
        for (int i = 0; i < some.size(); i++) {
            String[] csvRow = lines.get(i + 1).split(",", -1);
            for (int k = 0; k < 10; k++) {
                float stored = some.get(i).stored[k];
                String cell = csvRow[1 + INPUTS.length + k];
                JsonNode value = data.get(i).get(1 + INPUTS.length + k);
                assertEquals(stored, cell.isEmpty() ? Float.NaN : Float.parseFloat(cell), "row " + i);
                assertEquals(stored, value.isNull() ? Float.NaN : value.floatValue(), "row " + i);
            }
            assertEquals(some.get(i).flags & ~16, Integer.parseInt(csvRow[csvRow.length - 2]));
            assertEquals(some.get(i).model == null ? "" : some.get(i).model, csvRow[csvRow.length - 1]);
        }
    }

    /** With an alpha_m the served [α/M] models answer, as in the catalogue; without, the paper's. */
    @Test
    void anAlphaMChoosesTheAlphaModels() throws Exception {
        Object[] with = rows(votable(get(server, "teff=4800&logg=2.5&feh=0&alpha_m=0.15").body())).get(0);
        Object[] without = rows(votable(get(server, "teff=4800&logg=2.5&feh=0").body())).get(0);
        Object[] low = rows(votable(get(server, "teff=4800&logg=2.5&feh=0&alpha_m=-0.05").body())).get(0);
        assertEquals("alpha_m", with[with.length - 1]);
        assertEquals("paper", without[without.length - 1]);
        int mg = 4 + 2 * Element.MG.ordinal();
        assertTrue((Float) with[mg] > (Float) low[mg], "a higher [α/M] gives a higher [Mg/Fe]: " + with[mg] + " "
                + low[mg]);
        assertEquals(32, flags("teff=4800&logg=2.5&feh=0&alpha_m=3"), "an [α/M] outside the training range is flagged");
    }

    @Test
    void inputsOutsideTheTrainingBoxAreFlaggedNotRefused() throws Exception {
        JsonNode box = JSON.readTree(data.resolve("model_card.json").toFile()).get("feature_box");
        float teffMax = Float.parseFloat(box.get("teffMax").asText());
        assertEquals(0, flags("teff=" + teffMax + "&logg=4.4&feh=0"), "the box's own edge is inside");
        assertEquals(1, flags("teff=" + Math.nextUp(teffMax) + "&logg=4.4&feh=0"));
        assertEquals(2, flags("teff=5800&logg=6.5&feh=0"));
        assertEquals(4, flags("teff=5800&logg=4.4&feh=-3"));
        assertEquals(7, flags("teff=12000&logg=-1&feh=1.5"));
        Object[] far = rows(votable(get(server, "teff=12000&logg=-1&feh=1.5").body())).get(0);
        for (int i = 3; i < 13; i++) {
            assertNotNull(far[i], "flagged, still predicted");
        }
    }

    @Test
    void aMissingInputGivesNullPredictionsAndFlag8() throws Exception {
        Object[] get = rows(votable(get(server, "teff=5800&logg=4.4&feh=").body())).get(0);
        Object[] csv = rows(votable(post(server, "text/csv", bytes("id,teff,logg,feh\na,5800,,0.1\n"), "")
                .body())).get(0);
        Object[] json = rows(votable(post(server, "application/json",
                bytes("[{\"teff\": null, \"logg\": 4.4, \"feh\": 0.1}]"), "").body())).get(0);
        for (Object[] row : List.of(get, csv, json)) {
            assertEquals(8, row[row.length - 2]);
            for (int i = row.length - 12; i < row.length - 2; i++) {
                assertNull(row[i]);
            }
            assertNull(row[row.length - 1], "no model answered");
        }
        assertEquals("a", csv[0], "other columns are echoed");
        assertNull(csv[2], "the empty cell is echoed as NULL");
    }

    @Test
    void badInputGetsA400NamingTheRowAndColumn(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-42");
        String head = "<?xml version=\"1.0\"?>\n";
        String votable = "<VOTABLE version=\"1.3\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE>"
                + "<FIELD name=\"teff\" datatype=\"char\" arraysize=\"*\"/><FIELD name=\"logg\" datatype=\"float\"/>%s"
                + "<DATA><TABLEDATA><TR><TD>5000</TD><TD>4.4</TD>%s</TR><TR><TD>%s</TD><TD>4.4</TD>%s</TR>"
                + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        String feh = "<FIELD name=\"feh\" datatype=\"float\"/>";
        String td = "<TD>0</TD>";
        refused(post(server, "text/csv", bytes("teff,logg\n5000,4.4\n"), ""), 400,
                "the table has no column feh: it needs teff, logg and feh (names in any case), may add alpha_m,"
                        + " teff_err, logg_err, feh_err and alpha_m_err, and has teff, logg");
        refused(post(server, "text/csv", bytes("id,teff,logg,feh\na,5000,4.4,0\nb,5100,4.5,0\nc,hot,4.4,0\n"), ""),
                400, "row 3, column teff: 'hot' is not a number");
        refused(post(server, "text/csv", bytes("teff,logg,feh\n5000,4.4,0\n5000,4.4\n"), ""), 400,
                "row 2 has 2 fields where the header has 3");
        refused(post(server, "text/csv", bytes("teff,logg,feh\n5000,\"4.4,0\n"), ""), 400,
                "row 1: a quoted field is not closed");
        refused(post(server, "text/csv", bytes("teff,logg,TEFF,feh\n5000,4.4,5000,0\n"), ""), 400,
                "the table has two columns called teff (columns 1 and 3)");
        refused(post(server, "application/x-votable+xml", bytes(head + String.format(votable, feh, td, "warm", td)),
                ""), 400, "row 2, column teff: 'warm' is not a number");
        refused(post(server, "application/x-votable+xml", bytes(head + String.format(votable, "", "", "5100", "")),
                ""), 400, "the table has no column feh");
        HttpResponse<byte[]> xxe = post(server, "application/x-votable+xml", bytes(head
                + "<!DOCTYPE VOTABLE [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + String.format(votable, feh, td, "&x;", td)), "");
        refused(xxe, 400, "the VOTable is refused: ");
        assertTrue(text(xxe).contains("DOCTYPE"), text(xxe));
        assertFalse(text(xxe).contains("SECRET-42"), "an external entity is never read");
        refused(post(server, "text/xml", bytes("teff,logg,feh\n5000,4.4,0\n"), ""), 400, "the VOTable is refused: ");
        refused(post(server, "application/json", bytes("{\"teff\": [5000], \"logg\": [4.4], \"feh\": [0]}"), ""), 400,
                "the JSON body is an object; /predict takes an array of objects, one per star");
        refused(post(server, "application/json", bytes("[{\"teff\": 5000, \"logg\": 4.4, \"feh\": 0},"
                + " {\"teff\": 5000, \"logg\": \"high\", \"feh\": 0}]"), ""), 400,
                "row 2, column logg: 'high' is not a number");
        refused(post(server, "application/json", bytes("[{\"teff\": 5000, \"logg\": 4.4, \"feh\": true}]"), ""), 400,
                "row 1, column feh: 'true' is not a number");
        refused(post(server, "application/json", bytes("[{\"teff\": 5000, \"logg\": 4.4, \"feh\": {\"v\": 0}}]"), ""),
                400, "row 1, column feh: an object or array is not a value");
        refused(post(server, "application/json", bytes("[{\"teff\": 5000, \"logg\": 4.4, \"feh\": 0},"
                + " {\"teff\": 5000, \"logg\": 4.4, \"feh\": 0, \"id\": 7}]"), ""), 400,
                "row 2 has a key id that row 1 has not");
        refused(post(server, "application/json", bytes("[{\"teff\": 5000, \"logg\": 4.4, \"feh\": 0},\n{\"teff\": ]"),
                ""), 400, "row 2: malformed JSON at line 2, column");
        refused(post(server, "application/json", bytes("[]"), ""), 400, "the JSON array holds no stars");
        refused(post(server, "text/plain", bytes("teff,logg,feh\n5000,4.4,0\n"), ""), 400,
                "Content-Type text/plain is not a table /predict reads; POST text/csv");
        refused(post(server, null, bytes("teff,logg,feh\n5000,4.4,0\n"), ""), 400, "the request has no Content-Type");
        refused(post(server, "text/csv", new byte[0], ""), 400, "the request body is empty");
        refused(get(server, "teff=5000&logg=4.4"), 400, "no feh parameter: GET /predict needs teff, logg and feh");
        refused(get(server, "teff=abc&logg=4.4&feh=0"), 400, "row 1, column teff: 'abc' is not a number");
        refused(get(server, "teff=5000&logg=4.4&feh=0&RESPONSEFORMAT=pdf"), 400, "RESPONSEFORMAT 'pdf' is not offered");

        HttpResponse<byte[]> asJson = post(server, "text/csv", bytes("teff,logg,feh\n5000,x,0\n"),
                "?RESPONSEFORMAT=json");
        assertEquals(400, asJson.statusCode());
        assertEquals("application/json", type(asJson));
        JsonNode error = JSON.readTree(asJson.body());
        assertEquals("ERROR", error.get("query_status").asText());
        assertEquals("row 1, column logg: 'x' is not a number", error.get("message").asText());

        assertEquals(200, get(server, "teff=5000&logg=4.4&feh=0").statusCode(), "still serving");
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(uri(server, "/tap/availability")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void moreRowsThanTheLimitGetA413() throws Exception {
        List<Star> stars = catalogue.subList(0, SMALL_LIMIT + 1);
        HttpResponse<byte[]> over = post(limited, "text/csv", csv(stars), "");
        refused(over, 413, "the table has more than 5 rows, the most /predict takes in one request");
        refused(post(limited, "application/json", json(stars), "?RESPONSEFORMAT=json"), 413, null);
        HttpResponse<byte[]> at = post(limited, "text/csv", csv(stars.subList(0, SMALL_LIMIT)), "");
        assertEquals(200, at.statusCode());
        assertEquals(SMALL_LIMIT, rows(votable(at.body())).size());
    }

    /**
     * A body past the byte limit, declared (Content-Length) or not (chunked), from a client asking
     * for HTTP/1.1 and one asking for HTTP/2 (which the service answers in HTTP/1.1: it does not
     * upgrade): the 413 reaches the client, which is sending still, and the connection goes on.
     */
    @Test
    void aBodyPastTheByteLimitGetsA413() throws Exception {
        long limit = new PredictSettings(SMALL_LIMIT).maxBodyBytes();
        byte[] body = bytes("teff,logg,feh\n" + "5000,4.4,0\n".repeat((int) (limit / 11) + 1));
        assertTrue(body.length > limit);
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = HttpClient.newBuilder().version(version).build();
            for (boolean chunked : new boolean[] {false, true}) {
                HttpRequest.BodyPublisher publisher = chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body);
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri(limited, "/predict"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/csv").POST(publisher).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                refused(r, 413, "the request body is larger than " + limit + " bytes");
                assertEquals(200, client.send(HttpRequest.newBuilder(uri(limited, "/predict?teff=5000&logg=4&feh=0"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode(), version + ", still serving");
            }
        }
    }

    @Test
    void aBuildWithoutModelsServesTapAndAnswers503(Vertx vertx, @TempDir Path dir) throws Exception {
        Fixture.write(dir);
        HttpServer bare = TapServer.start(vertx, dir, "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                AsyncSettings.defaults(), new PredictSettings(SMALL_LIMIT)).await();
        try {
            refused(get(bare, "teff=5000&logg=4.4&feh=0"), 503, "/predict is unavailable: the build in ");
            refused(post(bare, "text/csv", bytes("teff,logg,feh\n5000,4.4,0\n"), ""), 503, "has no model grid paper_o.grid");
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(uri(bare, "/tap/availability")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            bare.close().await();
        }
    }

    // ---- the catalogue and the three input formats

    private static List<Star> catalogue(Path data) throws Exception {
        List<Star> out = new ArrayList<>();
        StringBuilder cols = new StringBuilder("obsid, " + String.join(", ", INPUTS));
        for (Element e : Element.values()) {
            cols.append(", ").append(e.key()).append("_fe, ").append(e.key()).append("_fe_err");
        }
        try (Connection c = Database.openReadOnly(data); ResultSet rs = c.createStatement()
                .executeQuery("SELECT " + cols + ", flags, model FROM alpha.stars ORDER BY obsid")) {
            while (rs.next()) {
                float[] inputs = new float[INPUTS.length];
                float[] stored = new float[10];
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = real(rs, 2 + i);
                }
                for (int i = 0; i < stored.length; i++) {
                    stored[i] = real(rs, 2 + inputs.length + i);
                }
                out.add(new Star(rs.getLong(1), inputs, stored, rs.getInt(2 + inputs.length + stored.length),
                        rs.getString(3 + inputs.length + stored.length)));
            }
        }
        return out;
    }

    private static float real(ResultSet rs, int column) throws Exception {
        float v = rs.getFloat(column);
        return rs.wasNull() ? Float.NaN : v;
    }

    private static byte[] csv(List<Star> stars) {
        StringBuilder b = new StringBuilder("obsid," + String.join(",", INPUTS) + "\r\n");
        for (Star s : stars) {
            b.append(s.obsid);
            for (float v : s.inputs) {
                b.append(',').append(Float.isNaN(v) ? "" : Float.toString(v));
            }
            b.append("\r\n");
        }
        return bytes(b.toString());
    }

    private static byte[] json(List<Star> stars) throws Exception {
        ArrayNode array = JSON.createArrayNode();
        for (Star s : stars) {
            ObjectNode o = array.addObject().put("obsid", s.obsid);
            for (int i = 0; i < INPUTS.length; i++) {
                if (Float.isNaN(s.inputs[i])) {
                    o.putNull(INPUTS[i]);
                } else {
                    o.put(INPUTS[i], s.inputs[i]);
                }
            }
        }
        return JSON.writeValueAsBytes(array);
    }

    /** The stars as a TABLEDATA VOTable written by STIL, inputs as float, as the catalogue holds them. */
    private static byte[] votableBody(List<Star> stars) throws IOException {
        ColumnInfo[] columns = new ColumnInfo[1 + INPUTS.length];
        columns[0] = new ColumnInfo("obsid", Long.class, null);
        for (int i = 0; i < INPUTS.length; i++) {
            columns[1 + i] = new ColumnInfo(INPUTS[i].toUpperCase(), Float.class, null);
        }
        RowListStarTable t = new RowListStarTable(columns);
        for (Star s : stars) {
            Object[] row = new Object[columns.length];
            row[0] = s.obsid;
            for (int i = 0; i < INPUTS.length; i++) {
                row[1 + i] = Float.isNaN(s.inputs[i]) ? null : s.inputs[i];
            }
            t.addRow(row);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VOTableWriter(DataFormat.TABLEDATA, true).writeStarTable(t, out);
        return out.toByteArray();
    }

    /** The answer has the stars in order, with the stored predictions and flags (but LOW_SNR, which needs S/N). */
    private static void assertStored(StarTable answer, List<Star> stars) throws IOException {
        List<String> names = columnNames(answer);
        int first = names.indexOf("o_fe");
        int flags = names.indexOf("flags");
        int model = names.indexOf("model");
        List<Object[]> rows = rows(answer);
        assertEquals(stars.size(), rows.size());
        int predicted = 0;
        for (int r = 0; r < rows.size(); r++) {
            Star s = stars.get(r);
            Object[] row = rows.get(r);
            assertEquals(Long.toString(s.obsid), row[0].toString(), "rows in order");
            for (int k = 0; k < s.stored.length; k++) {
                Float got = (Float) row[first + k];
                assertEquals(s.stored[k], got == null ? Float.NaN : got,
                        "obsid " + s.obsid + ", " + names.get(first + k));
            }
            assertEquals(s.flags & ~16, row[flags], "obsid " + s.obsid + " flags");
            assertEquals(s.model, row[model], "obsid " + s.obsid + " answered by");
            predicted += row[first] != null ? 1 : 0;
        }
        assertTrue(predicted > stars.size() / 2, predicted + " predicted");
    }

    // ---- HTTP and tables

    private static int flags(String query) throws Exception {
        Object[] row = rows(votable(get(server, query).body())).get(0);
        return (Integer) row[row.length - 2];
    }

    /** An error answer: the status, a VOTable or JSON document, the message, and nothing of the code. */
    private static void refused(HttpResponse<byte[]> r, int status, String message) {
        String body = text(r);
        assertEquals(status, r.statusCode(), body);
        assertTrue(body.contains("\"ERROR\""), body);
        if (message != null) {
            assertTrue(body.contains(message), "expected '" + message + "' in " + body);
        }
        assertFalse(body.contains("Exception") || body.contains("\tat "), "no stack trace: " + body);
    }

    private static HttpResponse<byte[]> get(HttpServer s, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(s, "/predict?" + query)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> post(HttpServer s, String contentType, byte[] body, String query)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, "/predict" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(HttpServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.actualPort() + path);
    }

    private static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StarTable votable(byte[] doc) throws IOException {
        return new VOTableBuilder().makeStarTable(new ByteArrayDataSource("answer", doc), false,
                StoragePolicy.PREFER_MEMORY);
    }

    private static List<String> columnNames(StarTable t) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            names.add(t.getColumnInfo(i).getName());
        }
        return names;
    }

    private static List<Object[]> rows(StarTable t) throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (RowSequence seq = t.getRowSequence()) {
            while (seq.next()) {
                out.add(seq.getRow().clone());
            }
        }
        return out;
    }
}
