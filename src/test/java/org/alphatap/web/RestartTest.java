package org.alphatap.web;

import static org.alphatap.web.TapClient.enc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.alphatap.store.Fixture;
import org.alphatap.tap.uws.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service killed with SIGKILL (no shutdown hook, no close) while jobs are queued, running and
 * completed, then started again on the same data: a real JVM of its own, {@link ServerProcess}.
 */
class RestartTest {
    private static final String FOUR_STARS = "SELECT obsid FROM alpha.stars ORDER BY obsid";
    /** 8 million rows streamed into the result file: it is being written when the service dies. */
    private static final String LONG_RESULT = "SELECT a.column_name, b.column_name, c.column_name"
            + " FROM tap_schema.columns AS a, tap_schema.columns AS b, tap_schema.columns AS c";

    @TempDir
    Path data;
    @TempDir
    Path logs;

    @Test
    void aKilledServiceKeepsFinishedJobsFailsTheRunningOneAndRunsTheQueuedOnes() throws Exception {
        Fixture.write(data);
        Path results = data.resolve("uws/results");
        String completed;
        String running;
        String queued;
        String pending;
        byte[] result;
        Process first = start("first");
        try {
            TapClient tap = new TapClient(port(first, "first"));
            completed = tap.createJob("PHASE=RUN&LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(FOUR_STARS));
            assertTrue(tap.awaitFinished(completed).contains("<uws:phase>COMPLETED</uws:phase>"));
            result = tap.getBytes("/tap/async/" + completed + "/results/result").body();
            running = tap.createJob("PHASE=RUN&LANG=ADQL&MAXREC=10000000&QUERY=" + enc(LONG_RESULT));
            awaitPartialResult(results.resolve(running));
            queued = tap.createJob("PHASE=RUN&LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(FOUR_STARS));
            pending = tap.createJob("LANG=ADQL&QUERY=" + enc(FOUR_STARS));
            assertEquals("QUEUED", tap.phase(queued), "one worker, and it is busy");
        } finally {
            kill(first);
        }
        assertFalse(partFiles(results.resolve(running)).isEmpty(), "the crash left a half-written result");
        // A crash in the middle of a DELETE: the job is gone, its files are not.
        Path orphan = Files.createDirectories(results.resolve("0123456789abcdef"));
        Files.writeString(orphan.resolve("result.vot"), "<VOTABLE");
        // A crash before the worker of an aborted job removed its half-written file.
        Path stray = Files.writeString(results.resolve(completed).resolve("result42" + JobStore.PARTIAL_SUFFIX),
                "<VOTABLE");

        Process second = start("second");
        try {
            TapClient tap = new TapClient(port(second, "second"));
            assertEquals("COMPLETED", tap.phase(completed));
            assertArrayEquals(result, tap.getBytes("/tap/async/" + completed + "/results/result").body());

            String interrupted = tap.get("/tap/async/" + running).body();
            assertTrue(interrupted.contains("<uws:phase>ERROR</uws:phase>")
                    && interrupted.contains(JobStore.INTERRUPTED), interrupted);
            assertEquals(404, tap.get("/tap/async/" + running + "/results/result").statusCode());
            assertFalse(Files.exists(results.resolve(running)), "the half-written result is deleted");
            assertFalse(Files.exists(orphan), "files of no job are deleted");
            assertFalse(Files.exists(stray), "a half-written file beside a result is deleted");

            assertTrue(tap.awaitFinished(queued).contains("<uws:phase>COMPLETED</uws:phase>"), "queued jobs run");
            assertArrayEquals(result, tap.getBytes("/tap/async/" + queued + "/results/result").body());
            assertEquals("PENDING", tap.phase(pending));
            // The served build is intact: every star is still there.
            assertEquals(new String(result, StandardCharsets.UTF_8),
                    tap.get("/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(FOUR_STARS)).body());
        } finally {
            kill(second);
        }
    }

    private Process start(String name) throws IOException {
        return ServerProcess.launch(logs.resolve(name + ".log"), data.toString());
    }

    private int port(Process server, String name) throws Exception {
        return ServerProcess.port(server, logs.resolve(name + ".log"));
    }

    private static void awaitPartialResult(Path dir) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (partFiles(dir).stream().noneMatch(f -> f.toFile().length() > 0)) {
            if (System.nanoTime() > end) {
                fail("no partial result in " + dir + " after 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static List<Path> partFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static void kill(Process server) throws InterruptedException {
        ServerProcess.kill(server);
    }
}
