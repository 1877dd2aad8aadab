package org.alphatap.predict;

/** How /predict serves: the most rows one request may send. */
public record PredictSettings(long maxRows) {
    public static final long DEFAULT_MAX_ROWS = 1_000_000;

    public PredictSettings {
        if (maxRows < 1) {
            throw new IllegalArgumentException("the /predict row limit must be at least 1");
        }
    }

    public static PredictSettings defaults() {
        return new PredictSettings(DEFAULT_MAX_ROWS);
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
