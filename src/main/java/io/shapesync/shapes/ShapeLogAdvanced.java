package io.shapesync.shapes;

/** A shape's log has new committed entries (fired after the write, before the fsync). */
public record ShapeLogAdvanced(String handle) {
}
