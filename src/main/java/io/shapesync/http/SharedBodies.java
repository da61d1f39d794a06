package io.shapesync.http;

import io.shapesync.storage.LogOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Live response bodies, encoded once and shared. A change wakes every request parked at the shape's head; they all
 * ask for the same {@code (handle, from, end]} and get the same bytes, so the body is built by the first and reused by
 * the rest (spec: "encode a response once per (shape, offset)"). One entry per shape, the latest; bodies over
 * {@link #MAX_BYTES} are built per request and not kept, and when the kept bodies pass {@link #MAX_TOTAL_BYTES} all
 * are dropped (the sharing matters in the moment after a change, not later). The handle names the log generation, so a compaction never
 * serves a body of the replaced log under the new handle.
 */
final class SharedBodies {
    static final int MAX_BYTES = 256 * 1024;
    static final long MAX_TOTAL_BYTES = 32L << 20;

    private record Entry(String handle, LogOffset from, LogOffset end, byte[] body) {
        boolean matches(String h, LogOffset f, LogOffset e) {
            return handle.equals(h) && from.equals(f) && end.equals(e);
        }
    }

    private final ConcurrentHashMap<String, Entry> byShape = new ConcurrentHashMap<>();
    private final AtomicLong builds = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    /** The body for {@code (handle, from, end]} of shape {@code shapeId}, built with {@code build} at most once while kept. */
    byte[] body(String shapeId, String handle, LogOffset from, LogOffset end, Supplier<byte[]> build) {
        Entry known = byShape.get(shapeId);
        if (known != null && known.matches(handle, from, end)) return known.body();
        byte[][] built = new byte[1][];
        Entry e = byShape.compute(shapeId, (k, old) -> {
            if (old != null && old.matches(handle, from, end)) return old;
            builds.incrementAndGet();
            built[0] = build.get();
            if (built[0].length > MAX_BYTES) return old;
            total.addAndGet(built[0].length - (old == null ? 0 : old.body().length));
            return new Entry(handle, from, end, built[0]);
        });
        if (total.get() > MAX_TOTAL_BYTES) {
            byShape.clear();
            total.set(0);
        }
        return built[0] != null ? built[0] : e.body();
    }

    /** Forgets a shape (invalidated). */
    void remove(String shapeId) {
        Entry e = byShape.remove(shapeId);
        if (e != null) total.addAndGet(-e.body().length);
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
