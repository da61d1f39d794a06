package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The alternatives of one key space: equality keys in a hash map (each value one {@link Entry} or an immutable
 * {@code Entry[]}, replaced on change: copy-on-write per key) and ranges in a persistent {@link RangeNode} treap
 * published through a volatile field. One writer at a time; lookups run concurrently without locks.
 */
final class SpaceIndex<S> {
    private static final Logger LOG = Logger.getLogger(SpaceIndex.class.getName());

    private final KeySpace space;
    private final int ordinal;
    private final ConcurrentHashMap<Object, Object> equal = new ConcurrentHashMap<>();
    private volatile RangeNode<S> ranges;
    private volatile int size;

    SpaceIndex(KeySpace space, int ordinal) {
        this.space = space;
        this.ordinal = ordinal;
    }

    KeySpace space() {
        return space;
    }

    /** Position of this space in the index (stable: spaces are never removed). */
    int ordinal() {
        return ordinal;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Entry<S> entry, IndexHint hint) {
        if (hint instanceof IndexHint.Equality equality) {
            for (Object key : equality.keys()) {
                equal.put(key, with(equal.get(key), entry));
            }
        } else {
            ranges = RangeNode.insert(ranges, entry, (IndexHint.Range) hint);
        }
        size++;
    }

    void remove(Entry<S> entry, IndexHint hint) {
        if (hint instanceof IndexHint.Equality equality) {
            for (Object key : equality.keys()) {
                Object rest = without(equal.get(key), entry);
                if (rest == null) {
                    equal.remove(key);
                } else {
                    equal.put(key, rest);
                }
            }
        } else {
            ranges = RangeNode.delete(ranges, entry, (IndexHint.Range) hint);
        }
        size--;
    }

    /**
     * The row's key in this space; {@link RowKeys#UNKNOWN} when the space rejects the value (the caller's filter
     * will then decide, typically by raising the error Postgres would raise).
     */
    Object keyOf(Function<String, String> columnText) {
        try {
            return space.key(columnText.apply(space.column()));
        } catch (RuntimeException e) {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.log(Level.FINE, "Value of {0} has no key ({1}); routing to every subscriber of the space",
                        new Object[] {space, e.toString()});
            }
            return RowKeys.UNKNOWN;
        }
    }

    /** Reports the entries whose alternative may hold for a row with {@code key} (not null). */
    void lookup(Object key, Consumer<Entry<S>> out) {
        if (key == RowKeys.UNKNOWN) {
            everything(out);
            return;
        }
        Object found = equal.get(key);
        if (found != null) {
            report(found, out);
        }
        RangeNode.stab(ranges, key, out);
    }

    /** Every entry once (an equality alternative with several keys from its first key only). */
    private void everything(Consumer<Entry<S>> out) {
        equal.forEach((key, found) -> report(found, entry -> {
            IndexHint.Equality hint = (IndexHint.Equality) entry.registration().alternative(entry.alternative());
            if (hint.keys().iterator().next().equals(key)) {
                out.accept(entry);
            }
        }));
        RangeNode.forEach(ranges, out);
    }

    @SuppressWarnings("unchecked")
    private void report(Object found, Consumer<Entry<S>> out) {
        if (found instanceof Entry<?> one) {
            out.accept((Entry<S>) one);
        } else {
            for (Object entry : (Object[]) found) {
                out.accept((Entry<S>) entry);
            }
        }
    }

    private static Object with(Object found, Entry<?> entry) {
        if (found == null) {
            return entry;
        }
        if (found instanceof Entry<?> one) {
            return new Object[] {one, entry};
        }
        Object[] entries = (Object[]) found;
        Object[] grown = Arrays.copyOf(entries, entries.length + 1);
        grown[entries.length] = entry;
        return grown;
    }

    private static Object without(Object found, Entry<?> entry) {
        if (found == null || entry.equals(found)) {
            return null;
        }
        if (found instanceof Entry<?>) {
            return found;
        }
        Object[] entries = (Object[]) found;
        int i = Arrays.asList(entries).indexOf(entry);
        if (i < 0) {
            return found;
        }
        if (entries.length == 2) {
            return entries[1 - i];
        }
        Object[] shrunk = new Object[entries.length - 1];
        System.arraycopy(entries, 0, shrunk, 0, i);
        System.arraycopy(entries, i + 1, shrunk, i, shrunk.length - i);
        return shrunk;
    }
}
