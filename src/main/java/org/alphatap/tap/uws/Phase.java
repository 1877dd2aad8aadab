package org.alphatap.tap.uws;

import java.util.Locale;
import org.alphatap.tap.TapException;

/**
 * The UWS 1.1 execution phases. This service never puts a job in UNKNOWN, HELD, SUSPENDED or
 * ARCHIVED; they are named so that job-list filters and WAIT accept every phase UWS defines.
 */
public enum Phase {
    PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, UNKNOWN, HELD, SUSPENDED, ARCHIVED;

    /** Whether the job may still change phase by itself, so that a WAIT blocks on it. */
    public boolean isActive() {
        return this == PENDING || this == QUEUED || this == EXECUTING;
    }

    /** The phase a request parameter names (case-insensitive). */
    public static Phase parse(String name) throws TapException {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TapException(400, "'" + name + "' is not a UWS phase; the phases are PENDING, QUEUED,"
                    + " EXECUTING, COMPLETED, ERROR, ABORTED, UNKNOWN, HELD, SUSPENDED and ARCHIVED");
        }
    }
}
