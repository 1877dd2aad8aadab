package org.alphatap.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished build replaces the old one whole, except the service's async jobs, which it keeps. */
class SwapInTest {
    @Test
    void theNewBuildReplacesTheOldAndKeepsItsJobs(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("data");
        Files.createDirectories(target.resolve("uws/results/0123456789abcdef"));
        Files.writeString(target.resolve("alphatap.mv.db"), "old database");
        Files.writeString(target.resolve("uws/results/0123456789abcdef/result.vot"), "a job's result");
        Path staging = dir.resolve("staging");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("alphatap.mv.db"), "new database");

        Build.swapIn(staging, target);

        assertEquals("new database", Files.readString(target.resolve("alphatap.mv.db")));
        assertEquals("a job's result", Files.readString(target.resolve("uws/results/0123456789abcdef/result.vot")));
        assertFalse(Files.exists(staging));
        assertFalse(Files.exists(dir.resolve("data.previous")));
    }

    @Test
    void aFirstBuildHasNoJobsToKeep(@TempDir Path dir) throws Exception {
        Path staging = dir.resolve("staging");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("alphatap.mv.db"), "new database");
        Build.swapIn(staging, dir.resolve("data"));
        assertEquals("new database", Files.readString(dir.resolve("data/alphatap.mv.db")));
        assertFalse(Files.exists(dir.resolve("data/uws")));
    }
}
