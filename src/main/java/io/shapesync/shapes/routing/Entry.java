package io.shapesync.shapes.routing;

/**
 * What an index structure holds: alternative {@link #alternative()} of a registration's hint. The registration itself
 * stands for its first alternative (one object less per subscriber, one pointer less per lookup); a {@link Member}
 * for the others.
 * <p>
 * An abstract class, not an interface: lookups test stored items with {@code instanceof Entry}, and on JDK 17 a
 * negative {@code instanceof} against an interface scans the tested class's secondary supers (about 30 ns per test,
 * measured), against a class it is one compare.
 */
abstract class Entry<S> {
    abstract Registration<S> registration();

    abstract int alternative();
}
