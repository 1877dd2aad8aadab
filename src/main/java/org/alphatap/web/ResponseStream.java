package org.alphatap.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An OutputStream for a worker thread that writes into a Vert.x response in 64 KiB chunks and
 * waits while the response's write queue is full, so a slow client slows the query instead of
 * filling the heap. A closed connection ends the writing with an IOException.
 */
final class ResponseStream extends OutputStream {
    private static final int CHUNK = 1 << 16;

    private final HttpServerResponse response;
    private final byte[] buffer = new byte[CHUNK];
    private int used;

    ResponseStream(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == CHUNK) {
            send();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == CHUNK) {
                send();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        send();
    }

    private void send() throws IOException {
        if (used == 0) {
            return;
        }
        if (response.closed()) {
            throw new IOException("the client closed the connection");
        }
        if (response.writeQueueFull()) {
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(v -> drained.countDown());
            try {
                while (response.writeQueueFull() && !response.closed()) {
                    drained.await(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the client was slow", e);
            }
        }
        response.write(Buffer.buffer(Arrays.copyOf(buffer, used)));
        used = 0;
    }
}
