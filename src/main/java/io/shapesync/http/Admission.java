package io.shapesync.http;

import io.shapesync.config.SyncConfig;
import io.shapesync.shapes.ShapeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control (spec §2.4, {@code ELECTRIC_MAX_CONCURRENT_REQUESTS}): two buckets of concurrent shape requests.
 * Initial requests (no handle, or an unknown one: they may create a shape and run its snapshot) are limited to
 * {@code sync.requests.max-initial}; requests of clients that hold a handle, parked long-polls included, to
 * {@code sync.requests.max-existing}. Over a limit the request gets 503 with {@code retry-after} at once, so the
 * server sheds load instead of piling up memory.
 */
@ApplicationScoped
public class Admission {
    /** A place in a bucket, released exactly once when the response is done. */
    public static final class Ticket implements AutoCloseable {
        private final AtomicInteger bucket;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(AtomicInteger bucket) {
            this.bucket = bucket;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) bucket.decrementAndGet();
        }
    }

    /** A full bucket; answered as the spec's 503 by {@link ShapeResource#errorResponse}. */
    static final class OverloadedException extends RuntimeException {
        final boolean initial;
        final int limit;

        OverloadedException(boolean initial, int limit) {
            super("concurrent " + (initial ? "initial" : "existing") + " request limit " + limit + " reached", null, false, false);
            this.initial = initial;
            this.limit = limit;
        }
    }

    private final ShapeRegistry registry;
    private final AtomicInteger initial = new AtomicInteger();
    private final AtomicInteger existing = new AtomicInteger();
    private int maxInitial;
    private int maxExisting;

    @Inject
    public Admission(SyncConfig config, ShapeRegistry registry) {
        this(config == null ? 0 : config.maxInitialRequests(), config == null ? 0 : config.maxExistingRequests(), registry);
    }

    /** Limits of 0 or less mean no limit. */
    Admission(int maxInitial, int maxExisting, ShapeRegistry registry) {
        this.maxInitial = maxInitial;
        this.maxExisting = maxExisting;
        this.registry = registry;
    }

    protected Admission() {
        this(0, 0, null);
    }

    /**
     * A ticket for a shape request: initial when it has no handle or one this server does not know (it may create a
     * shape and run its snapshot), existing otherwise.
     *
     * @throws OverloadedException when that bucket is full
     */
    public Ticket enter(ShapeRequest req) {
        boolean isInitial = req.handle() == null || registry.byHandle(req.handle()).isEmpty();
        Ticket t = tryEnter(isInitial);
        if (t == null) throw new OverloadedException(isInitial, limit(isInitial));
        return t;
    }

    /** A ticket for a request of the given kind, or null when that bucket is full. */
    public Ticket tryEnter(boolean initialRequest) {
        AtomicInteger bucket = initialRequest ? initial : existing;
        int max = initialRequest ? maxInitial : maxExisting;
        if (bucket.incrementAndGet() > max && max > 0) {
            bucket.decrementAndGet();
            return null;
        }
        return new Ticket(bucket);
    }

    public int limit(boolean initialRequest) {
        return initialRequest ? maxInitial : maxExisting;
    }

    int inFlight(boolean initialRequest) {
        return (initialRequest ? initial : existing).get();
    }
}
