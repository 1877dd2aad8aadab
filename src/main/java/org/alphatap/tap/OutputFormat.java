package org.alphatap.tap;

import java.util.Locale;
import uk.ac.starlink.votable.DataFormat;

/** The result formats of /sync and /async, by RESPONSEFORMAT (MIME type or short name). */
public enum OutputFormat {
    VOTABLE_BINARY2("application/x-votable+xml", DataFormat.BINARY2, "votable", "votable/b2", "application/x-votable+xml",
            "text/xml", "votable/binary2"),
    VOTABLE_BINARY("application/x-votable+xml;serialization=binary", DataFormat.BINARY, "votable/b", "votable/binary",
            "application/x-votable+xml;serialization=binary"),
    VOTABLE_TABLEDATA("application/x-votable+xml;serialization=tabledata", DataFormat.TABLEDATA, "votable/td",
            "votable/tabledata", "application/x-votable+xml;serialization=tabledata");

    private final String mimeType;
    private final DataFormat serialization;
    private final String[] names;

    OutputFormat(String mimeType, DataFormat serialization, String... names) {
        this.mimeType = mimeType;
        this.serialization = serialization;
        this.names = names;
    }

    public String mimeType() {
        return mimeType;
    }

    public DataFormat serialization() {
        return serialization;
    }

    /** The extension of a stored (async) result file; every format so far is a VOTable. */
    public String fileExtension() {
        return "vot";
    }

    /** The format a RESPONSEFORMAT value names; BINARY2 VOTable when none is given. */
    public static OutputFormat of(String value) throws TapException {
        if (value == null || value.isBlank()) {
            return VOTABLE_BINARY2;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        for (OutputFormat f : values()) {
            for (String n : f.names) {
                if (n.equals(v)) {
                    return f;
                }
            }
        }
        throw new TapException(400, "RESPONSEFORMAT '" + value + "' is not offered; use votable (BINARY2), votable/b"
                + " or votable/td, or their MIME types");
    }
}
