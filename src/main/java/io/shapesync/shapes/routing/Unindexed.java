package io.shapesync.shapes.routing;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The subscribers without a usable hint: always candidates. An array shared by successive published snapshots:
 * appending writes the slot after every published size, then publishes a longer snapshot, so adds are amortised O(1);
 * removal publishes a fresh array (O(n), at shape-removal rate). One writer at a time; readers take no lock.
 */
final class Unindexed<S> {
    private record Snapshot<S>(Registration<S>[] items, int size) {
    }

    private volatile Snapshot<S> current = new Snapshot<>(newArray(0), 0);

    void add(Registration<S> registration) {
        Snapshot<S> s = current;
        Registration<S>[] items = s.items();
        if (s.size() == items.length) {
            items = Arrays.copyOf(items, Math.max(8, items.length * 2));
        }
        items[s.size()] = registration;
        current = new Snapshot<>(items, s.size() + 1);
    }

    void remove(Registration<S> registration) {
        Snapshot<S> s = current;
        Registration<S>[] items = s.items();
        for (int i = 0; i < s.size(); i++) {
            if (items[i] == registration) {
                Registration<S>[] rest = newArray(Math.max(8, s.size()));
                System.arraycopy(items, 0, rest, 0, i);
                System.arraycopy(items, i + 1, rest, i, s.size() - i - 1);
                current = new Snapshot<>(rest, s.size() - 1);
                return;
            }
        }
    }

    void forEach(Consumer<? super S> out) {
        Snapshot<S> s = current;
        Registration<S>[] items = s.items();
        for (int i = 0, n = s.size(); i < n; i++) {
            out.accept(items[i].subscriber());
        }
    }

    @SuppressWarnings("unchecked")
    private static <S> Registration<S>[] newArray(int length) {
        return (Registration<S>[]) new Registration<?>[length];
    }
}
