package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.storage.LogOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One body per (handle, from, end), however many woken requests ask at once. */
class SharedBodiesTest {
    private static final LogOffset FROM = new LogOffset(100, 0);
    private static final LogOffset END = new LogOffset(200, 4);

    @Test
    void shouldBuildOnceWhenManyRequestsAskConcurrently() throws Exception {
        SharedBodies shared = new SharedBodies();
        AtomicInteger built = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<byte[]>> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add(pool.submit(() -> {
                start.await();
                return shared.body("s1", "h1", FROM, END, () -> {
                    built.incrementAndGet();
                    return "[{\"x\":1}]".getBytes();
                });
            }));
        }
        start.countDown();
        for (Future<byte[]> f : bodies) assertArrayEquals("[{\"x\":1}]".getBytes(), f.get(10, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(1, built.get());
        assertEquals(1, shared.builds());
    }

    @Test
    void shouldBuildAgainWhenOffsetEndOrHandleDiffer() {
        SharedBodies shared = new SharedBodies();
        shared.body("s1", "h1", FROM, END, () -> new byte[] {1});
        assertArrayEquals(new byte[] {2}, shared.body("s1", "h1", FROM, new LogOffset(300, 0), () -> new byte[] {2}));
        assertArrayEquals(new byte[] {3}, shared.body("s1", "h2", FROM, new LogOffset(300, 0), () -> new byte[] {3}),
                "a compaction's new handle never gets the old generation's body");
        assertArrayEquals(new byte[] {4}, shared.body("s1", "h2", END, new LogOffset(300, 0), () -> new byte[] {4}));
        assertEquals(4, shared.builds());
    }

    @Test
    void shouldKeepEachGroupsBodyWhenClientsOfOneShapeAlternateBetweenOffsets() {
        SharedBodies shared = new SharedBodies();
        LogOffset older = new LogOffset(50, 0);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(new byte[] {1}, shared.body("s1", "h1", FROM, END, () -> new byte[] {1}));
            assertArrayEquals(new byte[] {2}, shared.body("s1", "h1", older, END, () -> new byte[] {2}));
        }
        assertEquals(2, shared.builds(), "the two groups' bodies are built once each, not once per request");
        for (int i = 0; i < SharedBodies.PER_SHAPE; i++) {
            LogOffset from = new LogOffset(10 + i, 0);
            shared.body("s1", "h1", from, END, () -> new byte[] {3});
        }
        assertEquals(2 + SharedBodies.PER_SHAPE, shared.builds());
        assertEquals(SharedBodies.PER_SHAPE, shared.keptBytes(), "only the newest " + SharedBodies.PER_SHAPE + " are kept");
        shared.body("s1", "h1", FROM, END, () -> new byte[] {1});
        assertEquals(3 + SharedBodies.PER_SHAPE, shared.builds(), "the oldest was dropped");
        shared.remove("s1");
        assertEquals(0, shared.keptBytes());
    }

    @Test
    void shouldNotKeepLargeBodiesAndBoundWhatItKeeps() {
        SharedBodies shared = new SharedBodies();
        byte[] big = new byte[SharedBodies.MAX_BYTES + 1];
        shared.body("s1", "h1", FROM, END, () -> big);
        shared.body("s1", "h1", FROM, END, () -> big);
        assertEquals(2, shared.builds(), "a body over the limit is built per request");
        assertEquals(0, shared.keptBytes());
        byte[] medium = new byte[SharedBodies.MAX_BYTES];
        for (int i = 0; i < 200; i++) shared.body("s" + i, "h", FROM, END, () -> medium);
        assertTrue(shared.keptBytes() <= SharedBodies.MAX_TOTAL_BYTES, "kept " + shared.keptBytes());
    }
}
