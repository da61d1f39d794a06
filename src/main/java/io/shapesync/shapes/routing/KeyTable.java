package io.shapesync.shapes.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiConsumer;

/**
 * A hash table from keys to values for one writer and lock-free readers: open addressing with linear probing over one
 * array of interleaved key and value slots, so a lookup touches the slot pair, the key and the value, with no node
 * in between (about 16 to 32 bytes per key). The writer publishes a slot's value before its key (release/acquire), so
 * a reader that finds a key sees a complete value. A slot never changes key: removal leaves a tombstone value that
 * the same key may reuse; the table is rebuilt into a fresh array (published through a volatile field) when live keys
 * and tombstones fill half of it, or shrinks when mostly empty.
 * <p>
 * {@code Long} keys (the integer key spaces, e.g. {@code id = k}) live apart, unboxed, in a {@link LongKeyTable}.
 */
final class KeyTable {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final Object REMOVED = new Object();
    private static final int MIN_CAPACITY = 16;

    /** {@code [key0, value0, key1, value1, ...]}; capacity (pairs) is a power of two. */
    private volatile Object[] slots = new Object[2 * MIN_CAPACITY];
    /** Pairs with a key, live or removed (writer only). */
    private int used;
    /** Pairs with a live value (writer only). */
    private int live;
    private final LongKeyTable longs = new LongKeyTable();

    /** The value of {@code key} (not null), or null. */
    Object get(Object key) {
        if (key instanceof Long l) {
            return longs.get(l);
        }
        Object[] s = slots;
        int mask = (s.length >>> 1) - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object k = SLOTS.getAcquire(s, 2 * i);
            if (k == null) {
                return null;
            }
            if (key.equals(k)) {
                Object value = SLOTS.getAcquire(s, 2 * i + 1);
                return value == REMOVED ? null : value;
            }
        }
    }

    /** Sets the value of {@code key}; a null value removes it. */
    void put(Object key, Object value) {
        if (key instanceof Long l) {
            longs.put(l, value);
            return;
        }
        Object[] s = slots;
        int mask = (s.length >>> 1) - 1;
        int i = slot(key, mask);
        for (Object k; (k = s[2 * i]) != null; i = (i + 1) & mask) {
            if (key.equals(k)) {
                replace(s, i, value);
                return;
            }
        }
        if (value != null) {
            SLOTS.setRelease(s, 2 * i + 1, value);
            SLOTS.setRelease(s, 2 * i, key);
            used++;
            live++;
            resizeIfNeeded();
        }
    }

    /** Calls {@code action} with every key and live value. */
    void forEach(BiConsumer<Object, Object> action) {
        longs.forEach(action);
        Object[] s = slots;
        for (int i = 0; i < s.length; i += 2) {
            Object key = SLOTS.getAcquire(s, i);
            Object value = key == null ? null : SLOTS.getAcquire(s, i + 1);
            if (value != null && value != REMOVED) {
                action.accept(key, value);
            }
        }
    }

    private void replace(Object[] s, int i, Object value) {
        Object old = s[2 * i + 1];
        SLOTS.setRelease(s, 2 * i + 1, value == null ? REMOVED : value);
        if (old == REMOVED && value != null) {
            live++;
        } else if (old != REMOVED && value == null) {
            live--;
            resizeIfNeeded();
        }
    }

    private void resizeIfNeeded() {
        int capacity = slots.length >>> 1;
        if (used * 2 > capacity || capacity > MIN_CAPACITY && live * 8 < capacity) {
            rebuild(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, live) * 4 - 1) << 1));
        }
    }

    /** Copies the live pairs into a fresh array of {@code capacity} pairs and publishes it. */
    private void rebuild(int capacity) {
        Object[] old = slots;
        Object[] fresh = new Object[2 * capacity];
        int mask = capacity - 1;
        for (int j = 0; j < old.length; j += 2) {
            Object key = old[j];
            Object value = old[j + 1];
            if (key != null && value != REMOVED) {
                int i = slot(key, mask);
                while (fresh[2 * i] != null) {
                    i = (i + 1) & mask;
                }
                fresh[2 * i] = key;
                fresh[2 * i + 1] = value;
            }
        }
        used = live;
        slots = fresh;
    }

    /** Fibonacci hashing, high bits folded down: spreads sequential keys over the table. */
    private static int slot(Object key, int mask) {
        int h = key.hashCode() * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }
}
