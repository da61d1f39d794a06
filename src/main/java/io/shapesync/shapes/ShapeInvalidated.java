package io.shapesync.shapes;

/** A shape is gone (truncate, schema change, delete, failure): its clients must refetch. */
public record ShapeInvalidated(String handle, String reason) {
}
