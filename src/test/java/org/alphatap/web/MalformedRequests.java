package org.alphatap.web;

import static org.alphatap.web.TapClient.enc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.alphatap.web.FuzzRequest.Errors;

/**
 * Seeded requests that are wrong in what they say rather than in their ADQL: parameters of
 * /tap/sync, /tap/async and cone searches missing, misspelt, duplicated, out of range or badly
 * percent-encoded, wrong methods; uploads that are no VOTable, too large or hostile; /predict
 * bodies that are no table of stars.
 */
final class MalformedRequests {
    private static final String SMALL_QUERY = "SELECT TOP 3 obsid, ra, dec FROM alpha.stars";
    /** Raw query-string pieces that no decoder should accept or that decode to odd bytes. */
    private static final String[] BAD_ESCAPES = {"%", "%z", "%zz", "%4", "%e9", "%c3%28", "%ed%a0%80", "%00", "%ff%fe",
        "%%", "+%2", "%u0041", "\u00e9", "\u4e2d", "%0d%0a", "%3B%3B"};
    private static final String[] NUMBERS = {"", " ", "abc", "-1", "0", "1", "2.5", "1e3", "1e400", "-1e400", "NaN",
        "Infinity", "-Infinity", "0x10", "1,5", "99999999999999999999", "2147483648", "9223372036854775808", " 5 ",
        "+7", "1.0.0", "\u0661", "1d", "1f", "\u221e"};
    private static final String[] LANGS = {"ADQL", "adql", "ADQL-2.0", "ADQL-2.1", "ADQL-3.0", "SQL", "PQL", "", " ",
        "ADQL\u0000", "\u0391DQL"};
    private static final String[] FORMATS = {"votable", "votable/td", "votable/b", "csv", "tsv", "fits", "json",
        "application/x-votable+xml;serialization=binary2", "text/xml", "pdf", "", "VOTABLE ", "html", "votable/td;x",
        "*/*", "application/json;charset=utf-8"};
    private static final String[] REQUESTS = {"doQuery", "foo", "", "getCapabilities", "DOQUERY", "doQuery\u0000"};
    private static final String[] UPLOADS = {"t,param:t", "t,param:missing", "t", ",", ";", "t,", ",param:t",
        "t,param:t;t,param:t", "select,param:t", "1t,param:t", "t,ftp://example.org/t.xml", "t,file:///etc/passwd",
        "t,http://127.0.0.1:1/t.xml", "t,param:", "t x,param:t", "t,param:t;u,param:t"};
    private static final String[] PHASES = {"RUN", "run", "ABORT", "SUSPEND", "PENDING", "", "foo", "COMPLETED"};
    private static final String[] TIMES = {"2030-01-01T00:00:00Z", "2030-01-01T00:00:00", "tomorrow", "", "0",
        "2030-13-45T25:61:61Z", "9999999999-01-01T00:00:00Z", "-2030-01-01T00:00:00Z"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"};

    private final String job;

    /** {@code job}: the path of an existing async job, whose parts are fuzzed too. */
    MalformedRequests(String job) {
        this.job = job;
    }

    /** A request of /tap/sync, a cone search or /tap/async with odd parameters, or with an odd method. */
    FuzzRequest parameters(Random rnd, int index) {
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> sync(rnd, index);
            case 2 -> cone(rnd, index);
            case 3 -> async(rnd, index);
            case 4 -> jobPart(rnd, index);
            default -> method(rnd, index);
        };
    }

    private FuzzRequest sync(Random rnd, int index) {
        List<String> params = new ArrayList<>();
        maybe(params, rnd, "LANG", pick(LANGS, rnd));
        maybe(params, rnd, "QUERY", rnd.nextInt(4) == 0 ? pick(new String[] {"", " ", "SELECT", "\u0000"}, rnd)
                : SMALL_QUERY);
        maybe(params, rnd, "MAXREC", pick(NUMBERS, rnd));
        maybe(params, rnd, rnd.nextBoolean() ? "RESPONSEFORMAT" : "FORMAT", pick(FORMATS, rnd));
        maybe(params, rnd, "REQUEST", pick(REQUESTS, rnd));
        maybe(params, rnd, "UPLOAD", pick(UPLOADS, rnd));
        maybe(params, rnd, "VERSION", pick(new String[] {"1.0", "1.1", "2.0", ""}, rnd));
        String query = queryString(params, rnd);
        return rnd.nextBoolean() ? FuzzRequest.get("params", index, "/tap/sync?" + query, Errors.TAP)
                : FuzzRequest.form("params", index, "/tap/sync", query, Errors.TAP);
    }

    private static FuzzRequest cone(Random rnd, int index) {
        List<String> params = new ArrayList<>();
        for (String name : new String[] {"RA", "DEC", "SR"}) {
            maybe(params, rnd, name, rnd.nextInt(3) == 0 ? pick(NUMBERS, rnd) : String.valueOf(rnd.nextInt(90)));
        }
        maybe(params, rnd, "VERB", pick(NUMBERS, rnd));
        maybe(params, rnd, "MAXREC", pick(NUMBERS, rnd));
        maybe(params, rnd, "RESPONSEFORMAT", pick(FORMATS, rnd));
        String table = rnd.nextInt(4) == 0 ? "clusters" : "stars";
        return FuzzRequest.get("params", index, "/scs/" + table + "?" + queryString(params, rnd), Errors.SCS);
    }

    private FuzzRequest async(Random rnd, int index) {
        List<String> params = new ArrayList<>();
        if (rnd.nextBoolean()) {
            maybe(params, rnd, "PHASE", pick(PHASES, rnd));
            maybe(params, rnd, "LANG", pick(LANGS, rnd));
            maybe(params, rnd, "QUERY", SMALL_QUERY);
            maybe(params, rnd, "EXECUTIONDURATION", pick(NUMBERS, rnd));
            maybe(params, rnd, "DESTRUCTION", pick(TIMES, rnd));
            maybe(params, rnd, "RUNID", pick(LANGS, rnd));
            maybe(params, rnd, "UPLOAD", pick(UPLOADS, rnd));
            return FuzzRequest.form("params", index, "/tap/async", queryString(params, rnd), Errors.UWS);
        }
        maybe(params, rnd, "PHASE", pick(PHASES, rnd));
        maybe(params, rnd, "AFTER", pick(TIMES, rnd));
        maybe(params, rnd, "LAST", pick(NUMBERS, rnd));
        return FuzzRequest.get("params", index, "/tap/async?" + queryString(params, rnd), Errors.UWS);
    }

    /** A part of the test's job, or of one that does not exist, with odd values. */
    private FuzzRequest jobPart(Random rnd, int index) {
        String id = pick(new String[] {job, "/tap/async/nosuchjob", "/tap/async/" + "9".repeat(300),
            "/tap/async/%2e%2e%2f%2e%2e", "/tap/async/..%2Fuws"}, rnd);
        String part = pick(new String[] {"", "/phase", "/executionduration", "/destruction", "/error", "/quote",
            "/owner", "/parameters", "/results", "/results/result", "/results/other"}, rnd);
        List<String> params = new ArrayList<>();
        maybe(params, rnd, "WAIT", pick(NUMBERS, rnd));
        maybe(params, rnd, "PHASE", pick(PHASES, rnd));
        maybe(params, rnd, "EXECUTIONDURATION", pick(NUMBERS, rnd));
        maybe(params, rnd, "DESTRUCTION", pick(TIMES, rnd));
        maybe(params, rnd, "ACTION", pick(new String[] {"DELETE", "delete", "DESTROY", ""}, rnd));
        String query = queryString(params, rnd);
        return rnd.nextBoolean() ? FuzzRequest.get("params", index, id + part + "?" + query, Errors.UWS)
                : FuzzRequest.form("params", index, id + part, query, Errors.UWS);
    }

    /** An endpoint (but /predict: {@link #predict}) with a method it may not take, and a body of the wrong type. */
    private static FuzzRequest method(Random rnd, int index) {
        String[][] endpoints = {{"/tap/sync", "TAP"}, {"/scs/stars", "SCS"}, {"/tap/async", "UWS"}};
        String[] endpoint = endpoints[rnd.nextInt(endpoints.length)];
        String type = pick(new String[] {"text/plain", "application/octet-stream", "multipart/form-data",
            "application/x-www-form-urlencoded; charset=ebcdic", "image/png", ";;", "text/csv"}, rnd);
        return new FuzzRequest("params", index, pick(METHODS, rnd), endpoint[0] + "?LANG=ADQL&QUERY=" + enc(SMALL_QUERY),
                type, "LANG=ADQL&x=%zz\u0000".getBytes(StandardCharsets.UTF_8), Errors.valueOf(endpoint[1]));
    }

    /** A GET or POST of /predict: odd parameters, or a body that is no table of stars, or too large. */
    FuzzRequest predict(Random rnd, int index, int maxRows) {
        String format = rnd.nextInt(3) == 0 ? pick(FORMATS, rnd) : null;
        Errors errors = "json".equals(format) ? Errors.PREDICT_JSON : Errors.PREDICT;
        String asked = format == null ? "" : "RESPONSEFORMAT=" + enc(format);
        if (rnd.nextInt(4) == 0) {
            List<String> params = new ArrayList<>();
            for (String name : new String[] {"teff", "logg", "feh", "teff_err", "feh_err"}) {
                maybe(params, rnd, name, rnd.nextInt(3) == 0 ? pick(NUMBERS, rnd) : String.valueOf(rnd.nextInt(6000)));
            }
            if (format != null) {
                params.add(asked);
            }
            return FuzzRequest.get("predict", index, "/predict?" + queryString(params, rnd), errors);
        }
        String type = pick(new String[] {"text/csv", "application/json", "application/x-votable+xml", "text/xml",
            "application/xml", "text/plain", null, "text/csv; charset=utf-8", "text/csv;;;", "", "multipart/form-data",
            "application/json; charset=ebcdic"}, rnd);
        String method = rnd.nextInt(10) == 0 ? pick(METHODS, rnd) : "POST";
        return new FuzzRequest("predict", index, method, "/predict" + (asked.isEmpty() ? "" : "?" + asked), type,
                Tables.body(rnd, maxRows), errors);
    }

    /** A multipart POST to /tap/sync with an UPLOAD parameter and a file part, or a broken multipart body. */
    FuzzRequest upload(Random rnd, int index, long uploadLimit) {
        String boundary = "fuzz" + rnd.nextInt(1000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[][] fields = {{"LANG", "ADQL"}, {"QUERY", "SELECT * FROM TAP_UPLOAD.t"}, {"UPLOAD", pick(UPLOADS, rnd)}};
        for (String[] field : fields) {
            if (rnd.nextInt(8) > 0) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0]
                        + "\"\r\n\r\n" + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"t\"; filename=\"t.xml\"\r\n"
                + "Content-Type: application/x-votable+xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Tables.upload(rnd, uploadLimit));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        String type = "multipart/form-data; boundary=" + boundary;
        switch (rnd.nextInt(8)) {
            case 0 -> bytes = java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length));
            case 1 -> type = "multipart/form-data";
            case 2 -> type = "multipart/form-data; boundary=other";
            default -> {
                // A well-framed request: the upload itself is what is wrong.
            }
        }
        return new FuzzRequest("upload", index, "POST", "/tap/sync", type, bytes, Errors.TAP);
    }

    /** Adds {@code name=value} to {@code params} three times in four, twice now and then. */
    private static void maybe(List<String> params, Random rnd, String name, String value) {
        if (rnd.nextInt(4) == 0) {
            return;
        }
        String n = rnd.nextInt(6) == 0 ? name.toLowerCase(java.util.Locale.ROOT) : name;
        params.add(n + "=" + (rnd.nextInt(8) == 0 ? pick(BAD_ESCAPES, rnd) : enc(value)));
        if (rnd.nextInt(8) == 0) {
            params.add(n + "=" + enc(pick(NUMBERS, rnd)));
        }
    }

    /** The parameters in a random order, with now and then an empty, nameless or valueless one. */
    private static String queryString(List<String> params, Random rnd) {
        List<String> all = new ArrayList<>(params);
        if (rnd.nextInt(5) == 0) {
            all.add(pick(new String[] {"", "=", "=x", "x", "x=y=z", "&", "%zz=1", "QUERY"}, rnd));
        }
        Collections.shuffle(all, rnd);
        return String.join("&", all);
    }

    static String pick(String[] from, Random rnd) {
        return from[rnd.nextInt(from.length)];
    }
}
