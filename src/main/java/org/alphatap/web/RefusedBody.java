package org.alphatap.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * The rest of a request body that was refused before it was read. It is read and dropped, so that
 * a client still sending gets to read the answer (closing under unread data makes TCP reset the
 * connection and discard the answer), but only up to a bound: past it the connection is closed
 * (on HTTP/2 the stream is reset), so that no client holds a connection by sending forever. On
 * HTTP/1.x the answer says {@code Connection: close} and the connection is closed once body and
 * answer are through: a client must not send its next request on a connection whose last body the
 * service did not read.
 */
final class RefusedBody {
    private RefusedBody() {
    }

    /**
     * Drops up to {@code maxBytes} more of {@code request}'s body, then cuts it off. Call it before
     * the answer is written, so that the answer can say the connection will close.
     */
    static void drop(HttpServerRequest request, long maxBytes) {
        if (request.isEnded()) {
            return;
        }
        HttpServerResponse response = request.response();
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        if (!http2 && !response.headWritten()) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > maxBytes) {
                request.handler(null);
                if (http2) {
                    response.reset(0);
                } else {
                    request.connection().close();
                }
            }
        });
        if (!http2) {
            request.endHandler(end -> {
                if (response.ended()) {
                    request.connection().close();
                } else {
                    response.endHandler(answered -> request.connection().close());
                }
            });
        }
        request.resume();
    }
}
