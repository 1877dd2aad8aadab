package org.alphatap.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times the build's stages and samples the heap while they run, so the build report can say
 * how long each stage took and how much memory the build needed at most.
 */
public final class Stages implements AutoCloseable {
    public record Stage(String name, double seconds, long peakHeapBytes) {
    }

    interface Work<T> {
        T run() throws Exception;
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong stagePeak = new AtomicLong();
    private final AtomicLong overallPeak = new AtomicLong();
    private final List<Stage> stages = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    Stages() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        stagePeak.accumulateAndGet(used, Math::max);
        overallPeak.accumulateAndGet(used, Math::max);
    }

    <T> T run(String name, Work<T> work) throws Exception {
        stagePeak.set(0);
        long t0 = System.nanoTime();
        T result = work.run();
        sample();
        stages.add(new Stage(name, (System.nanoTime() - t0) / 1e9, stagePeak.get()));
        return result;
    }

    List<Stage> stages() {
        return List.copyOf(stages);
    }

    long peakHeapBytes() {
        return overallPeak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
