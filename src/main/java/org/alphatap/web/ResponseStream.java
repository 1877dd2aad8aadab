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
 *
 * <p>The status and headers are set by {@code head} just before the first bytes go out: at a full
 * buffer or at {@link #end()}, not at a flush (writers flush after their preamble). Until then a
 * failure can still be answered with an error status and document. An answer that fits in one
 * buffer, as most cone searches do, goes out whole with its length, in one hand-over to the event
 * loop and without chunk framing.
 */
final class ResponseStream extends OutputStream {
    private static final int CHUNK = 1 << 16;

    private final HttpServerResponse response;
    private final byte[] buffer = new byte[CHUNK];
    private Runnable head;
    private int used;

    ResponseStream(HttpServerResponse response, Runnable head) {
        this.response = response;
        this.head = head;
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
        if (head == null) {
            send();
        }
    }

    /** Sends what is left and ends the response. */
    void end() throws IOException {
        if (head != null) {
            head.run();
            head = null;
            response.end(Buffer.buffer(Arrays.copyOf(buffer, used)));
            return;
        }
        send();
        response.end();
    }

    private void send() throws IOException {
        if (head != null) {
            head.run();
            head = null;
            response.setChunked(true);
        }
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
