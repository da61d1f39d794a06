package io.shapesync.shapes.routing;

/**
 * One entry of an index structure: alternative {@code alternative} of a registration's hint. Immutable, so a reader
 * that finds it in a published structure sees it complete.
 */
record Member<S>(Registration<S> registration, int alternative) {
}
