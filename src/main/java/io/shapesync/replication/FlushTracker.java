package io.shapesync.replication;

import io.shapesync.decoding.Lsn;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** The highest LSN whose transactions are durable in every shape log. Only moves forward. */
@ApplicationScoped
public class FlushTracker {
    private final AtomicLong durable = new AtomicLong(0);

    public void markDurable(Lsn lsn) {
        durable.accumulateAndGet(lsn.value(), (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    }

    public Lsn durable() {
        return new Lsn(durable.get());
    }
}
