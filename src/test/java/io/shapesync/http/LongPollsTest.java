package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.ShapeLogAdvanced;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parking, waking and claiming waiters, and what a finished waiter still holds. */
class LongPollsTest {

    private final List<String> calls = new ArrayList<>();
    private int tasks;

    private LongPolls polls() {
        LongPolls polls = new LongPolls();
        // runs resumes on the calling thread
        polls.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        tasks++;
                        ((Runnable) args[0]).run();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return polls;
    }

    private LongPolls.Wakeup recording(String name) {
        return new LongPolls.Wakeup() {
            public void retry() { calls.add(name + ":retry"); }
            public void expire() { calls.add(name + ":expire"); }
            public void invalidated() { calls.add(name + ":invalidated"); }
            public void shutdown() { calls.add(name + ":shutdown"); }
        };
    }

    @Test
    void shouldWakeEachWaiterOfAShapeOnceWhenItsLogAdvances() {
        LongPolls polls = polls();
        polls.park("s1", 20_000, recording("a"));
        polls.park("s1", 20_000, recording("b"));
        polls.park("s2", 20_000, recording("c"));
        assertEquals(3, polls.waiting());
        polls.onAdvanced(new ShapeLogAdvanced("s1"));
        polls.onAdvanced(new ShapeLogAdvanced("s1"));
        assertEquals(List.of("a:retry", "b:retry"), calls.stream().sorted().toList());
        assertEquals(1, polls.waiting());
    }

    @Test
    void shouldGiveAWaiterToExactlyOneClaimant() {
        LongPolls polls = polls();
        LongPolls.Waiter w = polls.park("s1", 20_000, recording("a"));
        assertTrue(polls.claim(w));
        assertFalse(polls.claim(w));
        polls.onAdvanced(new ShapeLogAdvanced("s1"));
        assertEquals(List.of(), calls, "a claimed waiter is not woken again");
        assertEquals(0, polls.waiting());
    }

    @Test
    void shouldReleaseTheWakeupWhenAWaiterIsDoneWhileItsDeadlineIsStillQueued() throws InterruptedException {
        LongPolls polls = polls();
        LongPolls.Wakeup wakeup = recording("a");
        WeakReference<LongPolls.Wakeup> ref = new WeakReference<>(wakeup);
        LongPolls.Waiter woken = polls.park("s1", 20_000, wakeup);
        LongPolls.Waiter claimed = polls.park("s1", 20_000, recording("b"));
        polls.claim(claimed);
        polls.onAdvanced(new ShapeLogAdvanced("s1"));
        assertEquals(List.of("a:retry"), calls);
        assertNull(woken.wakeup);
        assertNull(claimed.wakeup);
        wakeup = null;
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the response objects of a finished long-poll are collectable before its deadline");
    }

    @Test
    void shouldAnswerTheWaitersOfOneChangeInSlicesOfOneExecutorTaskEach() {
        LongPolls polls = polls();
        int n = 3 * LongPolls.SLICE + 5;
        for (int i = 0; i < n; i++) polls.park("s1", 20_000, recording("w" + i));
        polls.park("s2", 20_000, recording("other"));
        polls.onAdvanced(new ShapeLogAdvanced("s1"));
        assertEquals(4, tasks, "one task per slice of " + LongPolls.SLICE + " waiters, not one per waiter");
        assertEquals(n, calls.size());
        assertEquals(n, calls.stream().distinct().count(), "each waiter woken once: " + calls);
        assertTrue(calls.stream().allMatch(c -> c.endsWith(":retry")));
        assertEquals(1, polls.waiting());
    }

    @Test
    void shouldSubmitNothingWhenAShapeHasNoUnclaimedWaiter() {
        LongPolls polls = polls();
        LongPolls.Waiter w = polls.park("s1", 20_000, recording("a"));
        polls.claim(w);
        polls.onAdvanced(new ShapeLogAdvanced("s1"));
        polls.onAdvanced(new ShapeLogAdvanced("s3"));
        assertEquals(0, tasks);
    }
}
