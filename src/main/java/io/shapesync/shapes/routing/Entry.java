package io.shapesync.shapes.routing;

/**
 * What an index structure holds: alternative {@link #alternative()} of a registration's hint. The registration itself
 * stands for its first alternative (one object less per subscriber, one pointer less per lookup); a {@link Member}
 * for the others.
 */
sealed interface Entry<S> permits Registration, Member {
    Registration<S> registration();

    int alternative();
}
