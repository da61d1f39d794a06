package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>
 * Structure: one {@link SpaceIndex} per distinct {@link KeySpace} (an open-addressing table of equality keys and a
 * persistent interval treap of ranges) plus a list of unindexed subscribers. A lookup computes the row's key once per
 * key space; equality costs O(key spaces + results), ranges O(log n + results) per space for typical layouts (see
 * {@link RangeNode}). A subscriber whose hint has several alternatives ({@link IndexHint.AnyOf}) is registered under
 * each and reported only through the first one the row satisfies, so each is reported once without per-call
 * bookkeeping. A subscriber added (or removed) while a lookup runs may or may not be reported by it; one added before
 * the lookup started always is. Subscribers are told apart by {@code equals}.
 */
public final class RoutingIndex<S> {
    private final Map<S, Registration<S>> registrations = new HashMap<>();
    private final Unindexed<S> unindexed = new Unindexed<>();
    /** Append-only: a space's ordinal is its position. */
    private volatile SpaceIndex<S>[] spaces = newSpaces(0);
    private volatile int size;
    private long sequence;

    /**
     * Adds a subscriber with its hint. A subscriber is added at most once.
     *
     * @throws IllegalArgumentException if the subscriber is already in the index
     */
    public void add(S subscriber, IndexHint hint) {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(hint, "hint");
        if (registrations.containsKey(subscriber)) {
            throw new IllegalArgumentException("Subscriber already in the routing index: " + subscriber);
        }
        Optional<List<IndexHint>> alternatives = Registration.flatten(hint);
        Registration<S> registration;
        if (alternatives.isPresent()) {
            registration = register(subscriber, alternatives.get());
        } else {
            registration = Registration.unindexed(subscriber, sequence++);
            unindexed.add(registration);
        }
        registrations.put(subscriber, registration);
        size = registrations.size();
    }

    /** Removes a subscriber; does nothing if it is not in the index. */
    public void remove(S subscriber) {
        Registration<S> registration = registrations.remove(subscriber);
        if (registration == null) {
            return;
        }
        if (registration.isUnindexed()) {
            unindexed.remove(registration);
        }
        for (int i = 0; i < registration.alternativeCount(); i++) {
            spaces[registration.ordinal(i)].remove(registration.entry(i), registration.alternative(i));
        }
        size = registrations.size();
    }

    /** The number of subscribers in the index. */
    public int size() {
        return size;
    }

    /**
     * Calls {@code out} once for every subscriber that may match a row, given the row's text value per column name
     * ({@code null} for SQL NULL or a column the row does not have). Each subscriber at most once per call.
     */
    public void candidates(Function<String, String> columnText, Consumer<S> out) {
        SpaceIndex<S>[] current = spaces;
        Emitter<S> emitter = new Emitter<>(current, columnText, out);
        for (SpaceIndex<S> space : current) {
            Object key = emitter.keyOf(space);
            if (key != null) {
                space.lookup(key, emitter);
            }
        }
        unindexed.forEach(out);
    }

    /** Registers an indexable hint's alternatives in their key spaces (none: the hint never holds). */
    private Registration<S> register(S subscriber, List<IndexHint> alternatives) {
        int[] ordinals = new int[alternatives.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = spaceOf(keySpace(alternatives.get(i))).ordinal();
        }
        Registration<S> registration = new Registration<>(subscriber, sequence++,
                alternatives.toArray(new IndexHint[0]), ordinals);
        for (int i = 0; i < ordinals.length; i++) {
            spaces[ordinals[i]].add(registration.entry(i), alternatives.get(i));
        }
        return registration;
    }

    private static KeySpace keySpace(IndexHint hint) {
        return hint instanceof IndexHint.Equality equality ? equality.space() : ((IndexHint.Range) hint).space();
    }

    private SpaceIndex<S> spaceOf(KeySpace keySpace) {
        SpaceIndex<S>[] current = spaces;
        for (SpaceIndex<S> space : current) {
            if (space.space().equals(keySpace)) {
                return space;
            }
        }
        SpaceIndex<S>[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = new SpaceIndex<>(keySpace, current.length);
        spaces = grown;
        return grown[current.length];
    }

    @SuppressWarnings("unchecked")
    private static <S> SpaceIndex<S>[] newSpaces(int length) {
        return (SpaceIndex<S>[]) new SpaceIndex<?>[length];
    }
}
