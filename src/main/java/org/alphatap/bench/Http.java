package org.alphatap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The bench's HTTP client: the JDK's plain blocking HttpURLConnection, which keeps connections
 * alive and works on the calling thread, as curl does, so the time measured is the service's and
 * the loopback's, not thread hand-offs in a client sharing the cores with the service.
 */
final class Http {
    /** A whole answer: the status, the Location header (redirects are not followed), the body. */
    record Answer(int status, String location, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Http() {
    }

    static HttpURLConnection open(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        return c;
    }

    /** A POST of {@code body}, sent; the caller reads the answer. */
    static HttpURLConnection posted(String url, String contentType, byte[] body) throws IOException {
        HttpURLConnection c = open(url);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        return c;
    }

    static Answer get(String url) throws IOException {
        return answer(open(url));
    }

    static Answer delete(String url) throws IOException {
        HttpURLConnection c = open(url);
        c.setRequestMethod("DELETE");
        return answer(c);
    }

    /** The answer read to its end, an error's too, so that the connection is kept for the next request. */
    static Answer answer(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else {
            try (InputStream in = body) {
                bytes = in.readAllBytes();
            }
        }
        return new Answer(status, c.getHeaderField("Location"), bytes);
    }
}
