package io.shapesync.shapes.routing;

import static io.shapesync.shapes.routing.Spaces.anyOf;
import static io.shapesync.shapes.routing.Spaces.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lookups on one thread while another adds and removes subscribers. */
class RoutingIndexConcurrencyTest {
    private static final KeySpace ID = Spaces.int8("id");
    private static final KeySpace OWNER = Spaces.int8("owner");
    private static final int SUBSCRIBERS = 20_000;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(60)
    void shouldReportEverySubscriberAddedBeforeLookupWhenLookupsRunDuringAdds() throws Exception {
        RoutingIndex<String> index = new RoutingIndex<>();
        AtomicInteger added = new AtomicInteger(-1);
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                write(index, added);
            } finally {
                done.set(true);
            }
        }, threads);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> read(index, added, done), threads);

        writer.get(50, TimeUnit.SECONDS);
        int lookups = reader.get(50, TimeUnit.SECONDS);

        assertTrue(lookups > 0);
        assertEquals(3 * SUBSCRIBERS, index.size());
    }

    /** Adds three subscribers per k, then publishes k; meanwhile churns subscribers that are added and removed. */
    private static void write(RoutingIndex<String> index, AtomicInteger added) {
        for (int k = 0; k < SUBSCRIBERS; k++) {
            index.add("eq" + k, eq(ID, (long) k));
            index.add("range" + k, new IndexHint.Range(ID, (long) k, true, k + 2L, false));
            index.add("any" + k, anyOf(new IndexHint.Range(ID, k - 1L, false, (long) k, true), eq(OWNER, (long) k),
                    eq(ID, (long) k)));
            index.add("churn" + k, anyOf(eq(ID, (long) k), new IndexHint.Range(ID, 0L, true, null, false)));
            if (k % 3 == 0) {
                index.add("none" + k, IndexHint.NONE);
            }
            added.set(k);
            index.remove("churn" + k);
            index.remove("none" + k);
        }
    }

    /** Looks up random published keys until the writer is done; returns the number of lookups. */
    private static int read(RoutingIndex<String> index, AtomicInteger added, AtomicBoolean done) {
        Random random = new Random(7);
        int lookups = 0;
        while (!done.get()) {
            int published = added.get();
            if (published < 0) {
                continue;
            }
            int k = random.nextInt(published + 1);
            List<String> found = new ArrayList<>();
            String id = String.valueOf(k);
            index.candidates(column -> column.equals("id") || column.equals("owner") ? id : null, found::add);
            Set<String> distinct = new HashSet<>(found);
            assertEquals(distinct.size(), found.size(), "duplicates for " + k + ": " + found);
            assertTrue(distinct.containsAll(List.of("eq" + k, "range" + k, "any" + k)), k + ": " + found);
            lookups++;
        }
        return lookups;
    }
}
