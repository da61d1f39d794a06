package io.shapesync.shapes.routing;

/**
 * Alternative {@code alternative} (at least 1) of a registration's hint, as an index entry. Immutable, so a reader
 * that finds it in a published structure sees it complete. Equal to another for the same registration and
 * alternative.
 */
final class Member<S> extends Entry<S> {
    private final Registration<S> registration;
    private final int alternative;

    Member(Registration<S> registration, int alternative) {
        this.registration = registration;
        this.alternative = alternative;
    }

    @Override
    Registration<S> registration() {
        return registration;
    }

    @Override
    int alternative() {
        return alternative;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member<?> m && m.registration == registration && m.alternative == alternative;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(registration) * 31 + alternative;
    }
}
