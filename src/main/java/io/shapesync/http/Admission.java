package io.shapesync.http;

import io.shapesync.config.SyncConfig;
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

    private final AtomicInteger initial = new AtomicInteger();
    private final AtomicInteger existing = new AtomicInteger();
    private int maxInitial;
    private int maxExisting;

    @Inject
    public Admission(SyncConfig config) {
        this(config == null ? 0 : config.maxInitialRequests(), config == null ? 0 : config.maxExistingRequests());
    }

    /** Limits of 0 or less mean no limit. */
    Admission(int maxInitial, int maxExisting) {
        this.maxInitial = maxInitial;
        this.maxExisting = maxExisting;
    }

    protected Admission() {
        this(0, 0);
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
