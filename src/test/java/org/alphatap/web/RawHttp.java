package org.alphatap.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request goes out byte for byte
 * as given, so that it can carry what the JDK's clients refuse to send (bad percent-encoding, raw
 * non-ASCII, duplicated parameters in any order), and whatever answers comes back within a deadline.
 */
final class RawHttp {
    /** An answer: the status, the headers by lower-case name, the body with its framing removed. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} to the loopback port and reads the answer; a deadline passed is a SocketTimeoutException. */
    static Answer exchange(int port, byte[] request, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeoutMillis);
            try {
                socket.getOutputStream().write(request);
            } catch (IOException refusedWhileSending) {
                // A service that refuses a large body answers before reading it all: the answer is still there.
            }
            Reader in = new Reader(socket, deadline);
            String[] statusLine = in.line().split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + String.join(" ", statusLine));
            }
            Map<String, String> headers = new TreeMap<>();
            for (String h = in.line(); !h.isEmpty(); h = in.line()) {
                int colon = h.indexOf(':');
                if (colon < 1) {
                    throw new IOException("not an HTTP header line: " + h);
                }
                headers.putIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int size; (size = Integer.parseInt(in.line().split(";")[0].trim(), 16)) > 0; in.line()) {
                    b.writeBytes(in.bytes(size));
                }
                body = b.toByteArray();
            } else if (headers.containsKey("content-length")) {
                body = in.bytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.rest();
            }
            return new Answer(Integer.parseInt(statusLine[1]), headers, body);
        }
    }

    /** Reads from the socket, each read bounded by what is left of the deadline. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            this.deadline = deadline;
        }

        private int read() throws IOException {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new SocketTimeoutException("no complete answer within the deadline");
            }
            socket.setSoTimeout((int) left);
            return in.read();
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("the connection closed in the middle of the answer's head or framing");
                }
                b.write(c);
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                int c = read();
                if (c < 0) {
                    throw new IOException("the connection closed after " + i + " of " + n + " bytes of the body");
                }
                out[i] = (byte) c;
            }
            return out;
        }

        byte[] rest() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = read()) >= 0; ) {
                b.write(c);
            }
            return b.toByteArray();
        }
    }
}
