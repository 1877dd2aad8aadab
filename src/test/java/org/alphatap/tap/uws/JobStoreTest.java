package org.alphatap.tap.uws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.TapException;
import org.alphatap.store.H2Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store on a real H2 file in a temporary directory. */
class JobStoreTest {
    @TempDir
    Path dir;

    private final List<String> changes = new ArrayList<>();

    @Test
    void jobsKeepTheirFieldsAndParametersWithLowerCaseNames() throws Exception {
        try (JobStore store = JobStore.open(dir, changes::add)) {
            Instant now = JobStore.now();
            Job job = store.create("run <1>", Map.of("QUERY", "SELECT 'a&b' FROM t", "Lang", "ADQL"), 60, now,
                    now.plusSeconds(3600));
            assertTrue(JobStore.isValidId(job.id()), job.id());
            Job read = store.get(job.id()).orElseThrow();
            assertEquals(Phase.PENDING, read.phase());
            assertEquals("run <1>", read.runId());
            assertEquals(Set.of("query", "lang"), read.parameters().keySet());
            assertEquals("SELECT 'a&b' FROM t", read.parameters().get("QUERY"), "looked up case-insensitively");
            assertEquals(now, read.creationTime());
            assertEquals(now.plusSeconds(3600), read.destruction());
            assertEquals(60, read.executionDuration());
            assertNull(read.startTime());
            assertNull(read.result());
        }
    }

    @Test
    void idsAreRandomHexAndNothingElseIsAnId() throws Exception {
        try (JobStore store = JobStore.open(dir, changes::add)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                ids.add(store.create(null, Map.of(), 60, JobStore.now(), JobStore.now()).id());
            }
            assertEquals(50, ids.size());
            ids.forEach(id -> assertTrue(id.matches("[0-9a-f]{16}"), id));
        }
        for (String bad : new String[] {null, "", "../../etc/passwd", "..%2F..%2Fetc", "0123456789ABCDEF",
                "0123456789abcde", "0123456789abcdef0", "0123456789abcde/"}) {
            assertFalse(JobStore.isValidId(bad), bad);
        }
        try (JobStore store = JobStore.open(dir, changes::add)) {
            assertTrue(store.get("../../etc/passwd").isEmpty());
            assertThrows(IllegalArgumentException.class, () -> store.resultDir("../../etc"));
            assertFalse(store.delete("../results"));
        }
    }

    @Test
    void phasesChangeOnlyFromThePhasesTheyMayLeave() throws Exception {
        try (JobStore store = JobStore.open(dir, changes::add)) {
            String id = store.create(null, Map.of(), 60, JobStore.now(), JobStore.now()).id();
            assertFalse(store.start(id, "test"), "not queued yet");
            assertTrue(store.queue(id, "test"));
            assertTrue(store.start(id, "test"));
            assertNotNull(store.get(id).orElseThrow().startTime());
            assertTrue(store.abort(id));
            assertFalse(store.complete(id, new Job.Result("result.vot", "x", 1, 1, false)), "an ABORT wins");
            assertFalse(store.fail(id, "late"));
            Job aborted = store.get(id).orElseThrow();
            assertEquals(Phase.ABORTED, aborted.phase());
            assertNull(aborted.result());
            assertNotNull(aborted.endTime());
            assertFalse(store.abort(id), "a finished job stays as it is");
            assertEquals(List.of(id, id, id), changes, "queue, start and abort were reported, nothing else");
        }
    }

    @Test
    void onlyPendingJobsTakeNewParametersAndDurations() throws Exception {
        try (JobStore store = JobStore.open(dir, changes::add)) {
            String id = store.create(null, Map.of("query", "a"), 60, JobStore.now(), JobStore.now()).id();
            store.setParameters(id, Map.of("QUERY", "b", "MAXREC", "5"));
            store.setExecutionDuration(id, 30);
            Job job = store.get(id).orElseThrow();
            assertEquals(Map.of("query", "b", "maxrec", "5"), Map.copyOf(job.parameters()));
            assertEquals(30, job.executionDuration());
            store.queue(id, "test");
            assertEquals(409, assertThrows(TapException.class, () -> store.setParameters(id, Map.of("query", "c")))
                    .status());
            assertEquals(409, assertThrows(TapException.class, () -> store.setExecutionDuration(id, 5)).status());
            assertEquals("b", store.get(id).orElseThrow().parameters().get("query"));
        }
    }

    @Test
    void reopeningFailsInterruptedJobsAndKeepsQueuedOnes() throws Exception {
        String executing;
        String queued;
        try (JobStore store = JobStore.open(dir, changes::add)) {
            executing = store.create(null, Map.of(), 60, JobStore.now(), JobStore.now()).id();
            store.queue(executing, "test");
            store.start(executing, "test");
            Files.createDirectories(store.resultDir(executing));
            Files.writeString(store.resultDir(executing).resolve("result123.part"), "<VOTABLE");
            queued = store.create(null, Map.of(), 60, JobStore.now(), JobStore.now()).id();
            store.queue(queued, "test");
        }
        try (JobStore store = JobStore.open(dir, changes::add)) {
            Job failed = store.get(executing).orElseThrow();
            assertEquals(Phase.ERROR, failed.phase());
            assertEquals(JobStore.INTERRUPTED, failed.error());
            assertFalse(Files.exists(store.resultDir(executing)), "the partial result is gone");
            assertEquals(List.of(queued), store.idsIn(Phase.QUEUED));
        }
    }

    @Test
    void theReaperDeletesJobsAndFilesPastTheirDestruction() throws Exception {
        JobStore store = JobStore.open(dir, changes::add);
        Instant now = JobStore.now();
        String old = store.create(null, Map.of(), 60, now, now.minusSeconds(1)).id();
        String young = store.create(null, Map.of(), 60, now, now.plus(Duration.ofDays(1))).id();
        Files.createDirectories(store.resultDir(old));
        Files.writeString(store.resultDir(old).resolve("result.vot"), "<VOTABLE/>");
        JobRunner runner = new JobRunner(store, AsyncSettings.defaults(), new H2Store(dir), new Catalogue(List.of(), List.of()),
                SyncQuery.Limits.defaults());
        try {
            assertEquals(1, runner.deleteExpired(now));
            assertTrue(store.get(old).isEmpty());
            assertFalse(Files.exists(store.resultDir(old)));
            assertTrue(store.get(young).isPresent());
            assertEquals(0, runner.deleteExpired(now));
        } finally {
            runner.close();
        }
    }

    @Test
    void listsAreNewestFirstAndFiltered() throws Exception {
        try (JobStore store = JobStore.open(dir, changes::add)) {
            Instant t = JobStore.now();
            String a = store.create(null, Map.of(), 60, t, t).id();
            String b = store.create("b", Map.of(), 60, t.plusMillis(1), t).id();
            String c = store.create(null, Map.of(), 60, t.plusMillis(2), t).id();
            store.queue(b, "test");
            assertEquals(List.of(c, b, a), ids(store.list(Set.of(), null, null)));
            assertEquals(List.of(c, b), ids(store.list(Set.of(), null, 2)));
            assertEquals(List.of(c, a), ids(store.list(Set.of(Phase.PENDING), null, null)));
            assertEquals(List.of(c, b), ids(store.list(Set.of(), t, null)), "strictly after");
            assertEquals(List.of(b), ids(store.list(Set.of(Phase.QUEUED, Phase.ERROR), null, null)));
            assertNotEquals(null, store.list(Set.of(Phase.QUEUED), null, null).get(0).runId());
        }
    }

    private static List<String> ids(List<Job.Ref> refs) {
        return refs.stream().map(Job.Ref::id).toList();
    }
}
