package io.shapesync.shapes.routing;

/**
 * Alternative {@code alternative} (at least 1) of a registration's hint, as an index entry. Immutable, so a reader
 * that finds it in a published structure sees it complete.
 */
record Member<S>(Registration<S> registration, int alternative) implements Entry<S> {
}
