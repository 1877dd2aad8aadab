package org.alphatap.predict;

/**
 * How /predict serves: the most rows one request may send, and the threads each prediction of a
 * batch uses (XGBoost's own).
 */
public record PredictSettings(long maxRows, int threads) {
    public static final long DEFAULT_MAX_ROWS = 1_000_000;

    public PredictSettings {
        if (maxRows < 1 || threads < 1) {
            throw new IllegalArgumentException("the /predict row limit and threads must be at least 1");
        }
    }

    /** The default row limit, predicting with every core. */
    public static PredictSettings defaults() {
        return withMaxRows(DEFAULT_MAX_ROWS);
    }

    public static PredictSettings withMaxRows(long maxRows) {
        return new PredictSettings(maxRows, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The largest body kept while it arrives: 1 KiB a row. A row of the six inputs and a few
     * echoed columns takes under 200 bytes in any accepted format, so the limit leaves room for
     * more echoed columns and still bounds the disk a request can fill.
     */
    public long maxBodyBytes() {
        return Math.max(1L << 20, maxRows * 1024);
    }
}
