package io.shapesync.shapes.routing;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The subscribers without a usable hint: always candidates. An array shared by successive published snapshots:
 * appending writes the slot after every published size, then publishes a longer snapshot; removal clears the
 * registration's slot in place (a concurrent lookup reports it or not) and publishes a compacted copy once half the
 * slots are clear. Adds and removes are amortised O(1). One writer at a time; readers take no lock.
 */
final class Unindexed<S> {
    private record Snapshot<S>(Registration<S>[] items, int size) {
    }

    private volatile Snapshot<S> current = new Snapshot<>(newArray(8), 0);
    /** Cleared slots below the published size (writer only). */
    private int cleared;

    void add(Registration<S> registration) {
        Snapshot<S> s = current;
        Registration<S>[] items = s.items();
        if (s.size() == items.length) {
            items = Arrays.copyOf(items, items.length * 2);
        }
        items[s.size()] = registration;
        registration.slot(s.size());
        current = new Snapshot<>(items, s.size() + 1);
    }

    void remove(Registration<S> registration) {
        Snapshot<S> s = current;
        s.items()[registration.slot()] = null;
        if (++cleared * 2 > s.size()) {
            compact(s);
        }
    }

    void forEach(Consumer<? super S> out) {
        Snapshot<S> s = current;
        Registration<S>[] items = s.items();
        for (int i = 0, n = s.size(); i < n; i++) {
            Registration<S> registration = items[i];
            if (registration != null) {
                out.accept(registration.subscriber());
            }
        }
    }

    private void compact(Snapshot<S> s) {
        Registration<S>[] fresh = newArray(Math.max(8, (s.size() - cleared) * 2));
        int size = 0;
        for (int i = 0; i < s.size(); i++) {
            Registration<S> registration = s.items()[i];
            if (registration != null) {
                registration.slot(size);
                fresh[size++] = registration;
            }
        }
        cleared = 0;
        current = new Snapshot<>(fresh, size);
    }

    @SuppressWarnings("unchecked")
    private static <S> Registration<S>[] newArray(int length) {
        return (Registration<S>[]) new Registration<?>[length];
    }
}
