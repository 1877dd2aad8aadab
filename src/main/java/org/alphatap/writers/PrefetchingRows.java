package org.alphatap.writers;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import uk.ac.starlink.table.RowSequence;

/**
 * Rows read ahead on a second thread, so that reading the JDBC cursor and encoding the output use
 * both cores on a long result. The first rows are passed through on the caller's thread: a short
 * result (a cone) never starts the reader. At most a few batches wait in memory.
 */
final class PrefetchingRows implements RowSequence {
    /** Rows passed through before reading ahead. */
    private static final int DIRECT = 2000;
    private static final int BATCH = 512;
    private static final Object[][] END = new Object[0][];

    private final RowSequence base;
    private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(4);
    private volatile IOException failure;
    private volatile boolean closed;
    private Thread reader;
    private long direct;
    private Object[][] batch;
    private int inBatch;
    private Object[] row;
    private boolean done;

    PrefetchingRows(RowSequence base) {
        this.base = base;
    }

    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        if (reader == null && direct < DIRECT) {
            direct++;
            if (!base.next()) {
                done = true;
                return false;
            }
            row = base.getRow().clone();
            return true;
        }
        if (reader == null) {
            reader = new Thread(this::readAhead, "result-prefetch");
            reader.setDaemon(true);
            reader.start();
        }
        if (batch == null || ++inBatch >= batch.length) {
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for rows", e);
            }
            inBatch = 0;
            if (batch == END) {
                done = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
        }
        row = batch[inBatch];
        return true;
    }

    private void readAhead() {
        try {
            while (!closed) {
                Object[][] rows = new Object[BATCH][];
                int n = 0;
                while (n < BATCH && base.next()) {
                    rows[n++] = base.getRow().clone();
                }
                if (n > 0) {
                    put(n == BATCH ? rows : Arrays.copyOf(rows, n));
                }
                if (n < BATCH) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } finally {
            put(END);
        }
    }

    private void put(Object[][] rows) {
        try {
            while (!closed && !queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                // the writer is slow (a slow client); wait, unless the result was abandoned
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Object getCell(int i) {
        return row[i];
    }

    @Override
    public Object[] getRow() {
        return row;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (reader != null) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        base.close();
    }
}
