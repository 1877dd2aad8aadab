package org.alphatap.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * The rest of a request body that was refused after its answer was sent. It is read and dropped,
 * so that a client still sending gets to read the answer (closing under unread data makes TCP
 * reset the connection and discard the answer), but only up to a bound: past it the connection is
 * closed (on HTTP/2 the stream is reset), so that no client holds a connection by sending forever.
 */
final class RefusedBody {
    private RefusedBody() {
    }

    /** Drops up to {@code maxBytes} more of {@code request}'s body, then cuts it off. */
    static void drop(HttpServerRequest request, long maxBytes) {
        if (request.isEnded()) {
            return;
        }
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > maxBytes) {
                request.handler(null);
                if (request.version() == HttpVersion.HTTP_2) {
                    request.response().reset(0);
                } else {
                    request.connection().close();
                }
            }
        });
        request.resume();
    }
}
