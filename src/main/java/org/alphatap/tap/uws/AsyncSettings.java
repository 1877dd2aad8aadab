package org.alphatap.tap.uws;

import java.time.Duration;
import java.time.Instant;

/**
 * How the async service runs jobs: worker threads, how many jobs may wait for one, execution
 * durations (seconds), how long jobs are kept, the longest a GET with WAIT blocks, and how long
 * a job shared with other service processes may go without its runner's heartbeat before another
 * process takes it over (a QUEUED job) or declares it lost (an EXECUTING one).
 */
public record AsyncSettings(int workers, int queueLimit, int defaultDuration, int maxDuration, int retentionDays,
        int maxWait, int orphanSeconds) {
    /** Runners renew their heartbeat this often (seconds); a job is an orphan only after several missed. */
    public static final int HEARTBEAT_SECONDS = 2;
    private static final int DEFAULT_ORPHAN_SECONDS = 30;

    public AsyncSettings {
        if (workers < 1 || queueLimit < 1 || retentionDays < 1 || maxWait < 0) {
            throw new IllegalArgumentException("async workers, queue and retention must be at least 1, the"
                    + " WAIT limit at least 0");
        }
        if (orphanSeconds < 3 * HEARTBEAT_SECONDS) {
            throw new IllegalArgumentException("a shared job must miss at least 3 heartbeats (" + 3 * HEARTBEAT_SECONDS
                    + " s) before another process takes it over, not " + orphanSeconds + " s");
        }
        if (defaultDuration < 1 || defaultDuration > maxDuration) {
            throw new IllegalArgumentException("the default execution duration (" + defaultDuration
                    + " s) must be from 1 s to the maximum (" + maxDuration + " s)");
        }
    }

    public AsyncSettings(int workers, int queueLimit, int defaultDuration, int maxDuration, int retentionDays,
            int maxWait) {
        this(workers, queueLimit, defaultDuration, maxDuration, retentionDays, maxWait, DEFAULT_ORPHAN_SECONDS);
    }

    public static AsyncSettings defaults() {
        return new AsyncSettings(2, 100, 600, 3600, 7, 60);
    }

    public AsyncSettings withOrphanSeconds(int seconds) {
        return new AsyncSettings(workers, queueLimit, defaultDuration, maxDuration, retentionDays, maxWait, seconds);
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
