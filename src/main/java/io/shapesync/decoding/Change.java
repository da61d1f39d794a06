package io.shapesync.decoding;

/** One change of a committed {@link Transaction}, with its relation resolved. */
public sealed interface Change permits RowInserted, RowUpdated, RowDeleted, TablesTruncated, RelationChanged {
}
