package io.shapesync.http;

import io.shapesync.shapes.ShapeInvalidated;
import io.shapesync.shapes.ShapeLogAdvanced;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parked requests, per shape (by {@code Shape.id()}, which compactions do not change). A parked request holds no thread and no container timer: its deadline sits in
 * one delay queue that a single periodic sweeper drains. When a shape advances or is invalidated, its waiters are
 * resumed on the managed executor (never on the replication thread), in slices of up to {@link #SLICE} per task.
 */
@ApplicationScoped
public class LongPolls {
    private static final Logger LOG = Logger.getLogger(LongPolls.class.getName());
    /** Woken waiters answered per executor task (see {@link Slice}). */
    static final int SLICE = 64;

    /** What to do when a waiter wakes: retry (data may be there), expire (deadline) or refetch (shape gone). */
    public interface Wakeup {
        void retry();

        void expire();

        void invalidated();

        void shutdown();
    }

    public static final class Waiter implements Delayed {
        final String shapeId;
        final long deadlineNanos;
        // Cleared once claimed or completed: the deadline entry outlives the request (up to the long-poll timeout),
        // and must not keep the request's response objects reachable that long
        volatile Wakeup wakeup;
        final AtomicBoolean woken = new AtomicBoolean();

        Waiter(String shapeId, long deadlineNanos, Wakeup wakeup) {
            this.shapeId = shapeId;
            this.deadlineNanos = deadlineNanos;
            this.wakeup = wakeup;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(deadlineNanos, ((Waiter) o).deadlineNanos);
        }
    }

    private final Map<String, Set<Waiter>> byShape = new ConcurrentHashMap<>();
    private final DelayQueue<Waiter> deadlines = new DelayQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeper;
    private volatile boolean stopped;

    @PostConstruct
    void start() {
        sweeper = scheduler.scheduleAtFixedRate(this::sweep, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Answers every parked request (503, retry soon) so shutdown does not wait for their deadlines. */
    @PreDestroy
    void stop() {
        stopped = true;
        if (sweeper != null) sweeper.cancel(false);
        for (Set<Waiter> set : byShape.values()) {
            for (Waiter w : set) {
                Wakeup wakeup = take(w);
                if (wakeup != null) run(w.shapeId, wakeup, Wakeup::shutdown);
            }
        }
    }

    /**
     * Parks a request; the caller must re-check for data after this returns (lost-wakeup guard) and call
     * {@link #claim} before answering on its own.
     */
    public Waiter park(String shapeId, long timeoutMillis, AsyncResponse async, Wakeup wakeup) {
        Waiter w = register(shapeId, timeoutMillis, wakeup);
        async.register((CompletionCallback) t -> release(w));
        // parked after shutdown began: nobody would ever answer it (Liberty would then wait out its quiesce period)
        shutdownIfStopped(w);
        return w;
    }

    /**
     * Parks a waiter that is no {@link AsyncResponse} (an SSE stream between two steps); as above, the caller
     * re-checks after this returns, and {@link #claim}s the waiter when it stops waiting on its own. After shutdown
     * began, the wakeup's {@code shutdown} runs before this returns.
     */
    public Waiter park(String shapeId, long timeoutMillis, Wakeup wakeup) {
        Waiter w = register(shapeId, timeoutMillis, wakeup);
        shutdownIfStopped(w);
        return w;
    }

    private void shutdownIfStopped(Waiter w) {
        if (!stopped) return;
        Wakeup wakeup = take(w);
        if (wakeup != null) run(w.shapeId, wakeup, Wakeup::shutdown);
    }

    private Waiter register(String shapeId, long timeoutMillis, Wakeup wakeup) {
        Waiter w = new Waiter(shapeId, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), wakeup);
        byShape.compute(shapeId, (h, set) -> {
            Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(w);
            return s;
        });
        waiting.incrementAndGet();
        deadlines.add(w);
        return w;
    }

    /** Forgets a waiter whose request is over (answered, or its client gone); a wakeup already under way still runs. */
    public void release(Waiter w) {
        remove(w);
        w.wakeup = null;
    }

    /** True for exactly one claimant of a waiter. */
    public boolean claim(Waiter w) {
        return take(w) != null;
    }

    /** The wakeup for exactly one claimant of a waiter (null for the others, and after the request completed). */
    private Wakeup take(Waiter w) {
        if (!w.woken.compareAndSet(false, true)) return null;
        remove(w);
        Wakeup wakeup = w.wakeup;
        w.wakeup = null;
        return wakeup;
    }

    private void remove(Waiter w) {
        byShape.computeIfPresent(w.shapeId, (h, set) -> {
            if (set.remove(w)) waiting.decrementAndGet();
            return set.isEmpty() ? null : set;
        });
        // the deadline entry stays until it expires and is skipped then: removing from a DelayQueue is O(n)
    }

    public int waiting() {
        return waiting.get();
    }

    /** Requests parked on one shape: long-polls, and SSE streams while they wait for its next change. */
    public int waiting(String shapeId) {
        Set<Waiter> set = byShape.get(shapeId);
        return set == null ? 0 : set.size();
    }

    void onAdvanced(@Observes ShapeLogAdvanced event) {
        wakeAll(event.shapeId(), Wakeup::retry);
    }

    void onInvalidated(@Observes ShapeInvalidated event) {
        wakeAll(event.shapeId(), Wakeup::invalidated);
    }

    private void wakeAll(String shapeId, Consumer<Wakeup> action) {
        Set<Waiter> set = byShape.get(shapeId);
        if (set == null) return;
        Slice slice = new Slice(shapeId, action);
        for (Waiter w : set) {
            Wakeup wakeup = take(w);
            if (wakeup != null && slice.add(wakeup)) slice = submit(slice);
        }
        submit(slice);
    }

    private void sweep() {
        Slice slice = new Slice(null, Wakeup::expire);
        for (Waiter w; (w = deadlines.poll()) != null; ) {
            Wakeup wakeup = take(w);
            if (wakeup != null && slice.add(wakeup)) slice = submit(slice);
        }
        submit(slice);
    }

    /** Submits a non-empty slice; returns a fresh one for the same shape and action. */
    private Slice submit(Slice slice) {
        if (slice.size > 0) executor.execute(slice);
        return new Slice(slice.shapeId, slice.action);
    }

    /**
     * Up to {@link #SLICE} woken waiters answered by one executor task. Each task submitted to the managed executor
     * captures and restores the application's thread context (class loader, security, component metadata): once per
     * slice instead of once per request when a change wakes thousands. Slices still run in parallel on the executor's
     * threads, and the first slice starts while the replication thread is still claiming the rest.
     */
    private static final class Slice implements Runnable {
        final String shapeId;
        final Consumer<Wakeup> action;
        final Wakeup[] wakeups = new Wakeup[SLICE];
        int size;

        Slice(String shapeId, Consumer<Wakeup> action) {
            this.shapeId = shapeId;
            this.action = action;
        }

        /** Adds a wakeup; true when the slice is full. */
        boolean add(Wakeup wakeup) {
            wakeups[size++] = wakeup;
            return size == SLICE;
        }

        @Override
        public void run() {
            for (int i = 0; i < size; i++) {
                Wakeup wakeup = wakeups[i];
                wakeups[i] = null;  // an answered request is not kept reachable by the rest of its slice
                LongPolls.run(shapeId, wakeup, action);
            }
        }
    }

    private static void run(String shapeId, Wakeup wakeup, Consumer<Wakeup> action) {
        try {
            action.accept(wakeup);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Resuming a parked request" + (shapeId == null ? "" : " for shape " + shapeId) + " failed", e);
        }
    }
}
