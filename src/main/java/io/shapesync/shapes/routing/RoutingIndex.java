package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-table index from row values to the subscribers (shapes) whose where clause may match, built from each
 * subscriber's {@link IndexHint}. Lookup time does not grow with the number of subscribers for equality hints
 * (hash per key space), IN lists and AND combinations (both hint equality), and ranges on one column (interval
 * structure per key space); subscribers without a hint are always candidates. Candidates are a superset: the caller
 * evaluates each one's full filter.
 * <p>
 * Mutated by one thread at a time ({@link #add}, {@link #remove} under the caller's lock); {@link #candidates} may
 * run concurrently with mutations on another thread and sees a consistent state (copy-on-write or equivalent).
 */
public final class RoutingIndex<S> {

    /** Adds a subscriber with its hint. A subscriber is added at most once. */
    public void add(S subscriber, IndexHint hint) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void remove(S subscriber) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int size() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Calls {@code out} once for every subscriber that may match a row, given the row's text value per column name
     * ({@code null} for SQL NULL or a column the row does not have). Each subscriber at most once per call.
     */
    public void candidates(Function<String, String> columnText, Consumer<S> out) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
