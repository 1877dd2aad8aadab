package org.alphatap.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long async scans kept running beside the load part: {@code n} at a time, each submitted again as
 * soon as it ends, as users running big queries do while others search cones. Each is a whole
 * async job: created, awaited, its result read, deleted.
 */
final class BackgroundScans implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean stopped;

    BackgroundScans(String base, int n, List<String> queries) {
        for (int i = 0; i < n; i++) {
            int first = i;
            Thread t = new Thread(() -> {
                for (int k = first; !stopped; k++) {
                    try {
                        LoadRun.job(base, queries.get(k % queries.size()));
                        completed.incrementAndGet();
                    } catch (IOException e) {
                        synchronized (failures) {
                            failures.add(e.getMessage());
                        }
                    }
                }
            }, "bench-scan-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Scans that ran to their result. */
    int completed() {
        return completed.get();
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Lets the scans running now end; submits no more. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join();
        }
    }
}
