package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.Arrays;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The alternatives of one key space: equality keys in a {@link KeyTable} and ranges in a persistent {@link RangeNode}
 * treap published through a volatile field. One writer at a time; lookups run concurrently without locks.
 * <p>
 * A key's value is one stored item or an immutable {@link Bucket} of several, replaced on change (copy-on-write per
 * key). An item is the subscriber itself when its hint is a single equality with a single key (the common
 * {@code id = k}: no registration to visit on lookup), otherwise an {@link Entry}. Subscribers can never be
 * {@code Entry} or {@code Bucket} instances: both types are private to this package.
 */
final class SpaceIndex<S> {
    /** The key of a value that {@link KeySpace#key} rejected: may match anything in the space. */
    static final Object UNKNOWN = new Object();

    private static final Logger LOG = Logger.getLogger(SpaceIndex.class.getName());

    /** Several items under one key. */
    private record Bucket(Object[] items) {
    }

    private final KeySpace space;
    private final int ordinal;
    private final KeyTable equal = new KeyTable();
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
            Object item = item(entry, equality);
            for (Object key : equality.keys()) {
                equal.put(key, with(equal.get(key), item));
            }
        } else {
            ranges = RangeNode.insert(ranges, entry, (IndexHint.Range) hint);
        }
        size++;
    }

    void remove(Entry<S> entry, IndexHint hint) {
        if (hint instanceof IndexHint.Equality equality) {
            Object item = item(entry, equality);
            for (Object key : equality.keys()) {
                equal.put(key, without(equal.get(key), item));
            }
        } else {
            ranges = RangeNode.delete(ranges, entry, (IndexHint.Range) hint);
        }
        size--;
    }

    /**
     * The row's key in this space; {@link #UNKNOWN} when the space rejects the value (the caller's filter will then
     * decide, typically by raising the error Postgres would raise).
     */
    Object keyOf(Function<String, String> columnText) {
        try {
            return space.key(columnText.apply(space.column()));
        } catch (RuntimeException e) {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.log(Level.FINE, "Value of {0} has no key ({1}); routing to every subscriber of the space",
                        new Object[] {space, e.toString()});
            }
            return UNKNOWN;
        }
    }

    /** Reports the entries whose alternative may hold for a row with {@code key} (not null). */
    void lookup(Object key, Emitter<S> out) {
        if (key == UNKNOWN) {
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
    private void everything(Emitter<S> out) {
        equal.forEach((key, found) -> {
            for (Object item : found instanceof Bucket bucket ? bucket.items() : new Object[] {found}) {
                if (!(item instanceof Entry<?> entry) || firstKey(entry).equals(key)) {
                    reportItem(item, out);
                }
            }
        });
        RangeNode.forEach(ranges, out);
    }

    private static Object firstKey(Entry<?> entry) {
        IndexHint hint = entry.registration().alternative(entry.alternative());
        return ((IndexHint.Equality) hint).keys().iterator().next();
    }

    private void report(Object found, Emitter<S> out) {
        if (found instanceof Bucket bucket) {
            for (Object item : bucket.items()) {
                reportItem(item, out);
            }
        } else {
            reportItem(found, out);
        }
    }

    @SuppressWarnings("unchecked")
    private void reportItem(Object item, Emitter<S> out) {
        if (item instanceof Entry<?> entry) {
            out.entry((Entry<S>) entry);
        } else {
            out.subscriber((S) item);
        }
    }

    /** What the key table stores for an entry: the bare subscriber for a single one-key equality hint. */
    private static Object item(Entry<?> entry, IndexHint.Equality equality) {
        boolean bare = entry instanceof Registration<?> registration && registration.alternativeCount() == 1
                && equality.keys().size() == 1;
        return bare ? ((Registration<?>) entry).subscriber() : entry;
    }

    private static boolean same(Object stored, Object item) {
        return stored == item || stored instanceof Member<?> && stored.equals(item);
    }

    private static Object with(Object found, Object item) {
        if (found == null) {
            return item;
        }
        Object[] items = found instanceof Bucket bucket ? bucket.items() : new Object[] {found};
        Object[] grown = Arrays.copyOf(items, items.length + 1);
        grown[items.length] = item;
        return new Bucket(grown);
    }

    /** {@code found} without {@code item}; null when nothing is left. */
    private static Object without(Object found, Object item) {
        if (!(found instanceof Bucket bucket)) {
            return found == null || same(found, item) ? null : found;
        }
        Object[] items = bucket.items();
        int i = 0;
        while (i < items.length && !same(items[i], item)) {
            i++;
        }
        if (i == items.length) {
            return found;
        }
        if (items.length == 2) {
            return items[1 - i];
        }
        Object[] shrunk = new Object[items.length - 1];
        System.arraycopy(items, 0, shrunk, 0, i);
        System.arraycopy(items, i + 1, shrunk, i, shrunk.length - i);
        return new Bucket(shrunk);
    }
}
