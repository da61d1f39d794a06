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
 * The alternatives of one key space: equality keys in a hash map (each value one {@link Member} or an immutable
 * {@code Member[]}, replaced on change: copy-on-write per key) and ranges in a persistent {@link RangeNode} treap
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

    void add(Member<S> member, IndexHint hint) {
        if (hint instanceof IndexHint.Equality equality) {
            for (Object key : equality.keys()) {
                equal.put(key, with(equal.get(key), member));
            }
        } else {
            ranges = RangeNode.insert(ranges, member, (IndexHint.Range) hint);
        }
        size++;
    }

    void remove(Member<S> member, IndexHint hint) {
        if (hint instanceof IndexHint.Equality equality) {
            for (Object key : equality.keys()) {
                Object rest = without(equal.get(key), member);
                if (rest == null) {
                    equal.remove(key);
                } else {
                    equal.put(key, rest);
                }
            }
        } else {
            ranges = RangeNode.delete(ranges, member, (IndexHint.Range) hint);
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

    /** Reports the members whose alternative may hold for a row with {@code key} (not null). */
    void lookup(Object key, Consumer<Member<S>> out) {
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

    /** Every member once (an equality alternative with several keys from its first key only). */
    private void everything(Consumer<Member<S>> out) {
        equal.forEach((key, found) -> report(found, member -> {
            IndexHint.Equality hint = (IndexHint.Equality) member.registration().alternative(member.alternative());
            if (hint.keys().iterator().next().equals(key)) {
                out.accept(member);
            }
        }));
        RangeNode.forEach(ranges, out);
    }

    @SuppressWarnings("unchecked")
    private void report(Object found, Consumer<Member<S>> out) {
        if (found instanceof Member<?> one) {
            out.accept((Member<S>) one);
        } else {
            for (Object member : (Object[]) found) {
                out.accept((Member<S>) member);
            }
        }
    }

    private static Object with(Object found, Member<?> member) {
        if (found == null) {
            return member;
        }
        if (found instanceof Member<?> one) {
            return new Object[] {one, member};
        }
        Object[] members = (Object[]) found;
        Object[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = member;
        return grown;
    }

    private static Object without(Object found, Member<?> member) {
        if (found == null || member.equals(found)) {
            return null;
        }
        if (found instanceof Member<?>) {
            return found;
        }
        Object[] members = (Object[]) found;
        int i = Arrays.asList(members).indexOf(member);
        if (i < 0) {
            return found;
        }
        if (members.length == 2) {
            return members[1 - i];
        }
        Object[] shrunk = new Object[members.length - 1];
        System.arraycopy(members, 0, shrunk, 0, i);
        System.arraycopy(members, i + 1, shrunk, i, shrunk.length - i);
        return shrunk;
    }
}
