package org.alphatap.predict;

import java.io.IOException;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.out.Field;
import org.alphatap.out.StreamedTable;
import org.alphatap.survey.Element;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The answer to a table of stars: each row echoed, then per element {@code <x>_fe} and
 * {@code <x>_fe_err}, then {@code flags}, described as in {@code alpha.stars}. Rows are read,
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

    PredictionTable(StarTable input, InputColumns columns, Predictor predictor, Map<String, Field> described) {
        this.input = input;
        this.columns = columns;
        this.predictor = predictor;
        ColumnInfo[] in = columns.echoed();
        echoed = in.length;
        info = new ColumnInfo[echoed + 2 * ELEMENTS + 1];
        System.arraycopy(in, 0, info, 0, echoed);
        for (Element e : Element.values()) {
            String name = e.key() + "_fe";
            info[echoed + 2 * e.ordinal()] = InputColumns.info(described, name, name, Float.class);
            info[echoed + 2 * e.ordinal() + 1] = InputColumns.info(described, name + "_err", name + "_err", Float.class);
        }
        info[info.length - 1] = InputColumns.info(described, "flags", "flags", Integer.class);
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

    private final class Rows implements RowSequence {
        private final RowSequence in;
        private final Object[][] cells = new Object[Predictor.BATCH][];
        private final Predictor.Batch batch = new Predictor.Batch();
        private long read;
        private int at;
        private boolean ended;

        Rows(RowSequence in) {
            this.in = in;
        }

        @Override
        public boolean next() throws IOException {
            if (++at < batch.rows) {
                return true;
            }
            fill();
            at = 0;
            return batch.rows > 0;
        }

        private void fill() throws IOException {
            int n = 0;
            while (n < Predictor.BATCH && !ended) {
                if (!in.next()) {
                    ended = true;
                    break;
                }
                Object[] row = in.getRow().clone();
                columns.convert(row, ++read);
                cells[n] = row;
                batch.teff[n] = columns.feature(row, 0);
                batch.logg[n] = columns.feature(row, 1);
                batch.feh[n] = columns.feature(row, 2);
                n++;
            }
            batch.rows = n;
            if (n > 0) {
                try {
                    predictor.predict(batch);
                } catch (XGBoostError e) {
                    throw new IOException("XGBoost failed to predict rows " + (read - n + 1) + " to " + read + ": "
                            + e.getMessage(), e);
                }
            }
        }

        @Override
        public Object getCell(int i) {
            if (i < echoed) {
                return cells[at][i];
            }
            int k = i - echoed;
            if (k == 2 * ELEMENTS) {
                return batch.flags[at];
            }
            float v = (k % 2 == 0 ? batch.value : batch.sigma)[k / 2][at];
            return Float.isNaN(v) ? null : v;
        }

        @Override
        public Object[] getRow() {
            Object[] row = new Object[info.length];
            System.arraycopy(cells[at], 0, row, 0, echoed);
            for (int i = echoed; i < row.length; i++) {
                row[i] = getCell(i);
            }
            return row;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
