package org.alphatap.predict;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alphatap.catalogue.Table;
import org.alphatap.writers.StreamedTable;
import org.alphatap.survey.Element;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The answer to a table of stars: each row echoed, then per element {@code <x>_fe} and
 * {@code <x>_fe_err}, then {@code flags} and {@code model} (the family that answered), described
 * as in {@code alpha.stars}. Rows are read,
 * predicted and handed to the writer a batch at a time, so memory does not grow with the table.
 * A star without some input gets NULL predictions and the NO_INPUT flag.
 */
final class PredictionTable extends AbstractStarTable implements StreamedTable {
    private static final int ELEMENTS = Element.values().length;

    private final StarTable input;
    private final InputColumns columns;
    private final Predictor predictor;
    private final ColumnInfo[] info;
    private final int echoed;

    PredictionTable(StarTable input, InputColumns columns, Predictor predictor, Table described) {
        this.input = input;
        this.columns = columns;
        this.predictor = predictor;
        ColumnInfo[] in = columns.echoed();
        echoed = in.length;
        info = new ColumnInfo[echoed + 2 * ELEMENTS + 2];
        System.arraycopy(in, 0, info, 0, echoed);
        for (Element e : Element.values()) {
            String name = e.key() + "_fe";
            info[echoed + 2 * e.ordinal()] = InputColumns.info(described, name, name, Float.class);
            String err = name + "_err";
            info[echoed + 2 * e.ordinal() + 1] = InputColumns.info(described, err, err, Float.class);
        }
        info[info.length - 2] = InputColumns.info(described, "flags", "flags", Integer.class);
        info[info.length - 1] = InputColumns.info(described, "model", "model", String.class);
        info[info.length - 1].setElementSize(8);
    }

    @Override
    public int getColumnCount() {
        return info.length;
    }

    @Override
    public ColumnInfo getColumnInfo(int i) {
        return info[i];
    }

    @Override
    public long getRowCount() {
        return -1;
    }

    /** The table was checked against the row limit before: nothing is ever cut. */
    @Override
    public boolean overflow() {
        return false;
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        return new Rows(input.getRowSequence());
    }

    /** A batch of rows, as read and converted, with their predictions. */
    private static final class Block {
        final Object[][] cells = new Object[Predictor.BATCH][];
        final Predictor.Batch batch = new Predictor.Batch();
    }

    /**
     * The rows, a block at a time. Once a table is longer than a block, the next block is read and
     * predicted on a second thread while this one is written, so that the writer's encoding and
     * the parsing and prediction share the cores. (writers' PrefetchingRows reads a few hundred rows ahead, less than one
     * prediction batch, and would leave the writer waiting on each.)
     */
    private final class Rows implements RowSequence {
        private final RowSequence in;
        private Block current = new Block();
        private Block spare = new Block();
        private ExecutorService ahead;
        private Future<Block> next;
        private long read;
        private int at;
        private boolean ended;

        Rows(RowSequence in) {
            this.in = in;
        }

        @Override
        public boolean next() throws IOException {
            if (++at < current.batch.rows) {
                return true;
            }
            at = 0;
            if (next == null) {
                fill(current);
            } else {
                Block written = current;
                current = await(next);
                next = null;
                spare = written;
            }
            if (!ended) {
                readAhead(spare);
            }
            return current.batch.rows > 0;
        }

        private void readAhead(Block block) {
            if (ahead == null) {
                ahead = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "predict-ahead");
                    t.setDaemon(true);
                    return t;
                });
            }
            next = ahead.submit(() -> {
                fill(block);
                return block;
            });
        }

        /** Reads, converts and predicts up to a batch of rows into {@code block}. */
        private void fill(Block block) throws IOException {
            Predictor.Batch batch = block.batch;
            int n = 0;
            while (n < Predictor.BATCH && !ended) {
                if (!in.next()) {
                    ended = true;
                    break;
                }
                Object[] row = in.getRow().clone();
                columns.convert(row, ++read);
                block.cells[n] = row;
                batch.teff[n] = columns.feature(row, 0);
                batch.logg[n] = columns.feature(row, 1);
                batch.feh[n] = columns.feature(row, 2);
                batch.alpha[n] = columns.feature(row, 3);
                n++;
            }
            batch.rows = n;
            predictor.predict(batch);
        }

        private Block await(Future<Block> block) throws IOException {
            try {
                return block.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while predicting", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e);
            }
        }

        @Override
        public Object getCell(int i) {
            if (i < echoed) {
                return current.cells[at][i];
            }
            Predictor.Batch batch = current.batch;
            int k = i - echoed;
            if (k == 2 * ELEMENTS) {
                return batch.flags[at];
            }
            if (k == 2 * ELEMENTS + 1) {
                return batch.model(at);
            }
            float v = (k % 2 == 0 ? batch.value : batch.sigma)[k / 2][at];
            return Float.isNaN(v) ? null : v;
        }

        @Override
        public Object[] getRow() {
            Object[] row = new Object[info.length];
            System.arraycopy(current.cells[at], 0, row, 0, echoed);
            for (int i = echoed; i < row.length; i++) {
                row[i] = getCell(i);
            }
            return row;
        }

        /** Waits for a block being read ahead (it uses the input), then closes the input. */
        @Override
        public void close() throws IOException {
            try {
                if (next != null) {
                    await(next);
                }
            } catch (IOException ignored) {
                // The rows are abandoned: a failure reading ahead no longer matters.
            } finally {
                if (ahead != null) {
                    ahead.shutdown();
                }
                in.close();
            }
        }
    }
}
