package org.alphatap.tap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sync query slots. A query that finds them all busy waits, oldest first, up to a bounded time
 * for one to free itself, and is refused only then; the refusal says when to come back, from how
 * long queries have held a slot lately, not from the worst case. Cone searches and /predict do not
 * take these slots, so they never wait behind long queries.
 */
public final class SyncSlots {
    /** How strongly the latest hold time moves the running mean. */
    private static final double WEIGHT = 0.2;

    private final int slots;
    private final long maxWaitMs;
    private final int maxRetrySeconds;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-slot-timer");
        t.setDaemon(true);
        return t;
    });
    /** When each held slot was taken (nanoTime). */
    private final List<Long> heldSince = new ArrayList<>();
    private double meanHoldMs = 1000;

    /**
     * {@code slots} at once; a query waits at most {@code maxWaitMs}; {@code maxRetrySeconds}, the
     * sync time limit, is also when a running query is cancelled at the latest.
     */
    public SyncSlots(int slots, long maxWaitMs, int maxRetrySeconds) {
        this.slots = slots;
        this.maxWaitMs = maxWaitMs;
        this.maxRetrySeconds = maxRetrySeconds;
    }

    /** A slot held by a query: released once, when the query is done. */
    public interface Slot {
        void release();
    }

    /** What a request does with a slot, or without one. */
    public interface Outcome {
        void granted(Slot slot);

        /** All slots stayed busy for the longest wait; come back in {@code retryAfterSeconds}. */
        void refused(int retryAfterSeconds);
    }

    /** Grants a slot now or once one is free within the wait limit, else refuses: exactly one of the two. */
    public void acquire(Outcome outcome) {
        Slot granted;
        synchronized (this) {
            if (heldSince.size() < slots) {
                granted = slot();
            } else {
                Waiter w = new Waiter(outcome);
                waiting.addLast(w);
                w.timeout = timer.schedule(() -> giveUp(w), maxWaitMs, TimeUnit.MILLISECONDS);
                return;
            }
        }
        outcome.granted(granted);
    }

    /** A new slot, counted as held. */
    private Slot slot() {
        long start = System.nanoTime();
        heldSince.add(start);
        return new Slot() {
            private boolean released;

            @Override
            public void release() {
                synchronized (SyncSlots.this) {
                    if (released) {
                        return;
                    }
                    released = true;
                    heldSince.remove(start);
                    meanHoldMs += WEIGHT * ((System.nanoTime() - start) / 1e6 - meanHoldMs);
                }
                handOver();
            }
        };
    }

    /** A freed slot goes to the oldest query still waiting, or back to the pool. */
    private void handOver() {
        Waiter next;
        Slot slot;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                return;
            }
            next.timeout.cancel(false);
            slot = slot();
        }
        next.outcome.granted(slot);
    }

    private void giveUp(Waiter w) {
        int retry;
        synchronized (this) {
            if (!waiting.remove(w)) {
                return;
            }
            retry = retryAfterSeconds();
        }
        w.outcome.refused(retry);
    }

    /**
     * When a slot is likely free again: the mean hold time of the queries ahead, or sooner, when the
     * oldest running query reaches the time limit; at least 1 s.
     */
    private int retryAfterSeconds() {
        double expectedMs = meanHoldMs * (waiting.size() + 1.0) / slots;
        long oldest = heldSince.stream().mapToLong(Long::longValue).min().orElse(System.nanoTime());
        double cancelledMs = maxRetrySeconds * 1000.0 - (System.nanoTime() - oldest) / 1e6;
        return (int) Math.max(1, Math.ceil(Math.min(expectedMs, cancelledMs) / 1000));
    }

    private static final class Waiter {
        final Outcome outcome;
        ScheduledFuture<?> timeout;

        Waiter(Outcome outcome) {
            this.outcome = outcome;
        }
    }
}
