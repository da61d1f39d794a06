package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reports the entries one lookup finds to the caller, each subscriber once. An entry for alternative i &gt; 0 is
 * reported only if no earlier alternative of its registration holds for the row, judged by exactly the rules the
 * index uses to find entries; the row's keys for that check are computed on demand (only multi-alternative hints need
 * them), so a lookup allocates nothing per subscriber and keeps no per-subscriber state.
 */
final class Emitter<S> {
    private final SpaceIndex<S>[] spaces;
    private final Function<String, String> columnText;
    private final Consumer<? super S> out;

    Emitter(SpaceIndex<S>[] spaces, Function<String, String> columnText, Consumer<? super S> out) {
        this.spaces = spaces;
        this.columnText = columnText;
        this.out = out;
    }

    /** The row's key in {@code space}: null when the space is empty (not looked up) or the value is NULL. */
    Object keyOf(SpaceIndex<S> space) {
        return space.isEmpty() ? null : space.keyOf(columnText);
    }

    void subscriber(S subscriber) {
        out.accept(subscriber);
    }

    void entry(Entry<S> entry) {
        Registration<S> registration = entry.registration();
        int alternative = entry.alternative();
        if (alternative == 0 || !registration.earlierAlternativeMatches(alternative, this)) {
            out.accept(registration.subscriber());
        }
    }

    /** Whether the lookup finds {@code hint} (an Equality or Range alternative in space {@code ordinal}). */
    boolean matches(int ordinal, IndexHint hint) {
        Object key = ordinal < spaces.length ? keyOf(spaces[ordinal]) : null;
        if (key == null) {
            return false;
        }
        if (key == SpaceIndex.UNKNOWN) {
            return true;
        }
        if (hint instanceof IndexHint.Equality equality) {
            return equality.keys().contains(key);
        }
        return Bounds.contains((IndexHint.Range) hint, key);
    }
}
