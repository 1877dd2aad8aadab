package org.alphatap.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One request of the fuzz test, exactly as it goes on the wire, and the kind of error document
 * its endpoint answers with. {@link #replay()} says how to send it again.
 */
record FuzzRequest(String kind, int index, String method, String target, String contentType, byte[] body,
        Errors errors) {
    /** How an endpoint says what went wrong. */
    enum Errors {
        /** A VOTable with INFO QUERY_STATUS=ERROR (/tap/sync, and what the body handler refuses). */
        TAP,
        /** An SCS error VOTable (INFO name="Error"), status 200 as SCS 1.03 wants. */
        SCS,
        /** UWS: a short text, or a TAP error VOTable for a refused body. */
        UWS,
        /** /predict: a TAP error VOTable, or the JSON error when JSON was asked for. */
        PREDICT,
        PREDICT_JSON
    }

    /** Requests longer than this are saved to a file rather than quoted in a failure message. */
    private static final int QUOTED = 4096;
    private static final Path SAVED = Path.of("target", "fuzz-failures");

    static FuzzRequest get(String kind, int index, String target, Errors errors) {
        return new FuzzRequest(kind, index, "GET", target, null, null, errors);
    }

    static FuzzRequest form(String kind, int index, String target, String form, Errors errors) {
        return new FuzzRequest(kind, index, "POST", target, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), errors);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /**
     * The request escaped as in C ({@code \r}, {@code \n}, other bytes outside printable ASCII as
     * {@code \xNN}: {@code printf '%b'} turns it back into the bytes), or, past a few KiB, the file
     * it is saved in: {@code nc 127.0.0.1 PORT < FILE} sends it again.
     */
    String replay() {
        byte[] raw = bytes();
        String name = kind + " #" + index;
        if (raw.length <= QUOTED) {
            return name + ": \"" + escaped(raw, raw.length) + "\"";
        }
        Path file = SAVED.resolve(kind + "-" + index + ".http");
        try {
            Files.createDirectories(SAVED);
            Files.write(file, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name + ": " + raw.length + " bytes saved in " + file.toAbsolutePath() + ", beginning \""
                + escaped(raw, 300) + "\"";
    }

    private static String escaped(byte[] raw, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, raw.length); i++) {
            int b = raw[i] & 0xff;
            switch (b) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
        }
        return s.toString();
    }
}
