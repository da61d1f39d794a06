package io.shapesync.replication;

/**
 * The replication slot did not exist and was created (first start, or dropped while ShapeSync was away): the
 * stream starts at the current WAL position, so state built from an earlier slot cannot be trusted.
 */
public record SlotCreated(String slot) {
}
