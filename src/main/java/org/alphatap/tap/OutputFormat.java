package org.alphatap.tap;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatap.writers.DelimitedResults;
import org.alphatap.writers.JsonResults;
import org.alphatap.writers.ResultWriter;
import org.alphatap.writers.TableFileResults;
import org.alphatap.writers.VotableResults;
import uk.ac.starlink.votable.DataFormat;

/**
 * The result formats of /sync and /async, chosen by RESPONSEFORMAT (or FORMAT): a MIME type or a
 * short name, case-insensitive. The first name is the one /capabilities gives as the alias.
 */
public enum OutputFormat {
    VOTABLE_BINARY2("application/x-votable+xml", "ivo://ivoa.net/std/TAPRegExt#output-votable-binary2",
            VotableResults.in(DataFormat.BINARY2), "votable", "votable/b2", "votable/binary2", "text/xml",
            "application/x-votable+xml;serialization=binary2"),
    VOTABLE_BINARY("application/x-votable+xml;serialization=binary", "ivo://ivoa.net/std/TAPRegExt#output-votable-binary",
            VotableResults.in(DataFormat.BINARY), "votable/b", "votable/binary"),
    VOTABLE_TABLEDATA("application/x-votable+xml;serialization=tabledata",
            "ivo://ivoa.net/std/TAPRegExt#output-votable-td", VotableResults.in(DataFormat.TABLEDATA), "votable/td",
            "votable/tabledata"),
    FITS("application/fits", null, TableFileResults.fits(), "fits"),
    CSV("text/csv;header=present", null, TableFileResults.csv(), "csv", "text/csv"),
    TSV("text/tab-separated-values", null, DelimitedResults.tsv(), "tsv"),
    JSON("application/json", null, JsonResults.json(), "json");

    private final String mimeType;
    private final String ivoId;
    private final ResultWriter writer;
    private final List<String> names;

    OutputFormat(String mimeType, String ivoId, ResultWriter writer, String... names) {
        this.mimeType = mimeType;
        this.ivoId = ivoId;
        this.writer = writer;
        this.names = List.of(names);
    }

    public String mimeType() {
        return mimeType;
    }

    /** The TAPRegExt identifier of the format, or null for formats without one. */
    public String ivoId() {
        return ivoId;
    }

    public String alias() {
        return names.get(0);
    }

    public ResultWriter writer() {
        return writer;
    }

    /** The suffix of a result file in this format. */
    public String fileSuffix() {
        return switch (this) {
            case VOTABLE_BINARY2, VOTABLE_BINARY, VOTABLE_TABLEDATA -> "vot";
            default -> alias();
        };
    }


    /** The format a request asks for by RESPONSEFORMAT, or by FORMAT (names in upper case). */
    public static OutputFormat requested(Map<String, String> params) throws TapException {
        String format = params.get("RESPONSEFORMAT");
        return of(format != null ? format : params.get("FORMAT"));
    }

    /**
     * Sets RESPONSEFORMAT from an HTTP Accept header when the parameters name no format: to the
     * offered type the client prefers (highest q, then the first listed). Wildcards, and types
     * this service does not write, leave the default.
     */
    public static void preferAccepted(Map<String, String> params, String accept) {
        if (accept == null || params.get("RESPONSEFORMAT") != null || params.get("FORMAT") != null) {
            return;
        }
        OutputFormat best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            String serialization = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(kv[1].trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                } else if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("serialization")) {
                    serialization = kv[1].trim().toLowerCase(Locale.ROOT);
                }
            }
            OutputFormat f = offered(serialization == null ? type : type + ";serialization=" + serialization);
            if (f == null) {
                f = offered(type);
            }
            if (f != null && q > bestQ) {
                best = f;
                bestQ = q;
            }
        }
        if (best != null) {
            params.put("RESPONSEFORMAT", best.mimeType);
        }
    }

    private static OutputFormat offered(String mimeType) {
        for (OutputFormat f : values()) {
            if (f.mimeType.equals(mimeType) || mimeType.contains("/") && f.names.contains(mimeType)) {
                return f;
            }
        }
        return null;
    }

    /** The format a RESPONSEFORMAT value names; BINARY2 VOTable when none is given. */
    public static OutputFormat of(String value) throws TapException {
        if (value == null || value.isBlank()) {
            return VOTABLE_BINARY2;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        for (OutputFormat f : values()) {
            if (f.mimeType.equals(v) || f.names.contains(v)) {
                return f;
            }
        }
        throw new TapException(400, "RESPONSEFORMAT '" + value + "' is not offered; use one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(OutputFormat::alias).toList())
                + " (or their MIME types, listed in /tap/capabilities)");
    }
}
