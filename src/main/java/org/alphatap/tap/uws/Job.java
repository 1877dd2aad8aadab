package org.alphatap.tap.uws;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One async job as stored: times at millisecond precision, parameter names lower-case (the map
 * looks them up case-insensitively), the error message in phase ERROR, the result once COMPLETED.
 */
public record Job(String id, String runId, Phase phase, SortedMap<String, String> parameters, Instant creationTime,
        Instant startTime, Instant endTime, int executionDuration, Instant destruction, String error, Result result) {

    /** The result file, in the job's directory: its name, MIME type, bytes, table rows, and whether MAXREC cut it. */
    public record Result(String file, String mimeType, long size, long rows, boolean overflow) {
    }

    /** What a job list shows of a job. */
    public record Ref(String id, String runId, Phase phase, Instant creationTime) {
    }
}
