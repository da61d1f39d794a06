package io.shapesync.shapes;

/** A shape is gone (truncate, schema change, delete, failure): its clients must refetch; {@code shapeId} is {@link Shape#id()}. */
public record ShapeInvalidated(String shapeId, String reason) {
}
