package io.shapesync.http;

import io.shapesync.storage.LogOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Live response bodies, encoded once and shared. A change wakes every request parked at the shape's head; they all
 * ask for the same {@code (handle, from, end]} and get the same bytes, so the body is built by the first and reused by
 * the rest (spec: "encode a response once per (shape, offset)"). Under load the clients of one shape sit at a few
 * offsets (those that got the last change and those that got two at once), so the last {@link #PER_SHAPE} bodies of
 * each shape are kept, newest first: with one entry the groups would replace each other's body and rebuild it per
 * request. Bodies over {@link #MAX_BYTES} are built per request and not kept, and when the kept bodies pass
 * {@link #MAX_TOTAL_BYTES} all are dropped (the sharing matters in the moment after a change, not later). The handle
 * names the log generation, so a compaction never serves a body of the replaced log under the new handle.
 */
final class SharedBodies {
    static final int MAX_BYTES = 256 * 1024;
    static final long MAX_TOTAL_BYTES = 32L << 20;
    static final int PER_SHAPE = 4;

    private record Entry(String handle, LogOffset from, LogOffset end, byte[] body) {
        boolean matches(String h, LogOffset f, LogOffset e) {
            return end.equals(e) && from.equals(f) && handle.equals(h);
        }
    }

    private final ConcurrentHashMap<String, Entry[]> byShape = new ConcurrentHashMap<>();
    private final AtomicLong builds = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    /** The body for {@code (handle, from, end]} of shape {@code shapeId}, built with {@code build} at most once while kept. */
    byte[] body(String shapeId, String handle, LogOffset from, LogOffset end, Supplier<byte[]> build) {
        Entry known = find(byShape.get(shapeId), handle, from, end);
        if (known != null) return known.body();
        byte[][] built = new byte[1][];
        Entry[] kept = byShape.compute(shapeId, (k, old) -> {
            if (find(old, handle, from, end) != null) return old;
            builds.incrementAndGet();
            built[0] = build.get();
            if (built[0].length > MAX_BYTES) return old;
            int n = old == null ? 0 : Math.min(old.length, PER_SHAPE - 1);
            Entry[] next = new Entry[n + 1];
            next[0] = new Entry(handle, from, end, built[0]);
            if (n > 0) System.arraycopy(old, 0, next, 1, n);
            long dropped = 0;
            if (old != null) for (int i = n; i < old.length; i++) dropped += old[i].body().length;
            total.addAndGet(built[0].length - dropped);
            return next;
        });
        if (total.get() > MAX_TOTAL_BYTES) {
            byShape.clear();
            total.set(0);
        }
        return built[0] != null ? built[0] : find(kept, handle, from, end).body();
    }

    private static Entry find(Entry[] entries, String handle, LogOffset from, LogOffset end) {
        if (entries == null) return null;
        for (Entry e : entries) {
            if (e.matches(handle, from, end)) return e;
        }
        return null;
    }

    /** Forgets a shape (invalidated). */
    void remove(String shapeId) {
        Entry[] entries = byShape.remove(shapeId);
        if (entries != null) for (Entry e : entries) total.addAndGet(-e.body().length);
    }

    /** Bytes kept (tests). */
    long keptBytes() {
        return total.get();
    }

    /** Bodies built so far (tests, metrics). */
    long builds() {
        return builds.get();
    }
}
