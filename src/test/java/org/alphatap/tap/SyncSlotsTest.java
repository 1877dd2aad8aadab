package org.alphatap.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sync slots bend before they refuse: a query waits for a slot, bounded, and is told when to return. */
class SyncSlotsTest {
    /** What happened to one request: its slot, or the Retry-After of its refusal. */
    private static final class Request implements SyncSlots.Outcome {
        final CompletableFuture<SyncSlots.Slot> slot = new CompletableFuture<>();
        final CompletableFuture<Integer> refused = new CompletableFuture<>();

        @Override
        public void granted(SyncSlots.Slot s) {
            slot.complete(s);
        }

        @Override
        public void refused(int retryAfterSeconds) {
            refused.complete(retryAfterSeconds);
        }
    }

    @Test
    void aWaitingQueryGetsTheNextFreeSlotOldestFirst() throws Exception {
        SyncSlots slots = new SyncSlots(1, 5_000, 60);
        Request a = new Request();
        Request b = new Request();
        Request c = new Request();
        slots.acquire(a);
        slots.acquire(b);
        slots.acquire(c);
        assertTrue(a.slot.isDone() && !b.slot.isDone() && !c.slot.isDone());
        a.slot.get().release();
        a.slot.get().release(); // twice: counted once
        assertTrue(b.slot.get(1, TimeUnit.SECONDS) != null && !c.slot.isDone(), "the oldest waiter first");
        b.slot.get().release();
        c.slot.get(1, TimeUnit.SECONDS).release();
        Request d = new Request();
        slots.acquire(d);
        assertTrue(d.slot.isDone(), "every slot is free again");
    }

    @Test
    void aQueryRefusedAfterItsWaitIsToldARealisticTime() throws Exception {
        SyncSlots slots = new SyncSlots(2, 200, 60);
        for (int i = 0; i < 5; i++) {
            Request quick = new Request();
            slots.acquire(quick);
            Thread.sleep(20);
            quick.slot.get().release();
        }
        Request one = new Request();
        Request two = new Request();
        slots.acquire(one);
        slots.acquire(two);
        Request late = new Request();
        long t0 = System.nanoTime();
        slots.acquire(late);
        int retry = late.refused.get(2, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(waited >= 190, "it waited " + waited + " ms first");
        assertEquals(1, retry, "queries have held their slots for about 20 ms, not the 60 s limit");
        assertTrue(!late.slot.isDone());
    }
}
