package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subscriber and its hint flattened into alternatives (each an {@link IndexHint.Equality} or
 * {@link IndexHint.Range}), or unindexed (always a candidate). Immutable, but for the slot an unindexed
 * registration holds in {@link Unindexed}, which only the writer reads.
 * <p>
 * Deduplication across alternatives needs no per-call state: a row reaches a subscriber through every alternative it
 * satisfies, and only the first of those (lowest index) emits it. This is thread-safe and allocation-free.
 */
final class Registration<S> extends Entry<S> {
    private static final IndexHint[] UNINDEXED = new IndexHint[0];
    private static final int[] NO_ORDINALS = new int[0];
    private final S subscriber;
    private final long sequence;
    private final IndexHint[] alternatives;
    private final int[] ordinals;
    private int slot;

    /** {@code ordinals[i]}: the ordinal of the key space of {@code alternatives[i]}. */
    Registration(S subscriber, long sequence, IndexHint[] alternatives, int[] ordinals) {
        this.subscriber = subscriber;
        this.sequence = sequence;
        this.alternatives = alternatives;
        this.ordinals = ordinals;
    }

    /** A subscriber without a usable hint. */
    static <S> Registration<S> unindexed(S subscriber, long sequence) {
        return new Registration<>(subscriber, sequence, UNINDEXED, NO_ORDINALS);
    }

    /**
     * The alternatives of a hint, without those that never hold (equality with no keys); empty when the hint never
     * holds, absent when it is {@link IndexHint.None} or has a {@code None} alternative (not indexable).
     */
    static Optional<List<IndexHint>> flatten(IndexHint hint) {
        List<IndexHint> out = new ArrayList<>();
        return collect(hint, out) ? Optional.of(out) : Optional.empty();
    }

    private static boolean collect(IndexHint hint, List<IndexHint> out) {
        if (hint instanceof IndexHint.None) {
            return false;
        }
        if (hint instanceof IndexHint.AnyOf any) {
            for (IndexHint alternative : any.alternatives()) {
                if (!collect(alternative, out)) {
                    return false;
                }
            }
            return true;
        }
        if (!(hint instanceof IndexHint.Equality equality) || !equality.keys().isEmpty()) {
            out.add(hint);
        }
        return true;
    }

    @Override
    Registration<S> registration() {
        return this;
    }

    @Override
    int alternative() {
        return 0;
    }

    /** The index entry of alternative {@code i}: this registration for the first one. */
    Entry<S> entry(int i) {
        return i == 0 ? this : new Member<>(this, i);
    }

    S subscriber() {
        return subscriber;
    }

    /** Unique per index, in order of addition; orders equal range bounds and seeds tree priorities. */
    long sequence() {
        return sequence;
    }

    /** True for a subscriber that is always a candidate ({@link #unindexed}). */
    boolean isUnindexed() {
        return alternatives == UNINDEXED;
    }

    /** Position in {@link Unindexed} (writer only). */
    int slot() {
        return slot;
    }

    void slot(int position) {
        slot = position;
    }

    int alternativeCount() {
        return alternatives.length;
    }

    IndexHint alternative(int i) {
        return alternatives[i];
    }

    int ordinal(int i) {
        return ordinals[i];
    }

    /**
     * Whether an alternative before {@code alternative} is satisfied by the row (so that one emits the subscriber).
     * Uses exactly the index's own matching rules ({@link Emitter#matches}).
     */
    boolean earlierAlternativeMatches(int alternative, Emitter<S> row) {
        for (int i = 0; i < alternative; i++) {
            if (row.matches(ordinals[i], alternatives[i])) {
                return true;
            }
        }
        return false;
    }
}
