package io.shapesync.shapes;

/** A shape's log has new committed entries (fired after the write, before the fsync); {@code shapeId} is {@link Shape#id()}. */
public record ShapeLogAdvanced(String shapeId) {
}
