package org.alphatap.tap.uws;

import java.time.Duration;
import java.time.Instant;

/**
 * How the async service runs jobs: worker threads, how many jobs may wait for one, execution
 * durations (seconds), how long jobs are kept, and the longest a GET with WAIT blocks.
 */
public record AsyncSettings(int workers, int queueLimit, int defaultDuration, int maxDuration, int retentionDays,
        int maxWait) {
    public AsyncSettings {
        if (workers < 1 || queueLimit < 1 || retentionDays < 1 || maxWait < 0) {
            throw new IllegalArgumentException("async workers, queue and retention must be at least 1, the"
                    + " WAIT limit at least 0");
        }
        if (defaultDuration < 1 || defaultDuration > maxDuration) {
            throw new IllegalArgumentException("the default execution duration (" + defaultDuration
                    + " s) must be from 1 s to the maximum (" + maxDuration + " s)");
        }
    }

    public static AsyncSettings defaults() {
        return new AsyncSettings(2, 100, 600, 3600, 7, 60);
    }

    /** The duration a job gets when its client asks {@code requested} s (0 or more); 0 means no limit: the max. */
    public int executionDuration(int requested) {
        return requested == 0 ? maxDuration : Math.min(requested, maxDuration);
    }

    /** The latest destruction time of a job created at {@code creation}, and its default. */
    public Instant latestDestruction(Instant creation) {
        return creation.plus(Duration.ofDays(retentionDays));
    }
}
