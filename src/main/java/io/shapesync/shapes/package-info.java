/**
 * Shapes: a table, a column selection and a replica mode, each with an append-only log. The
 * {@link io.shapesync.shapes.ShapeRegistry} observes committed transactions on the replication thread, routes each
 * change through a per-table index to the shapes it affects, appends the encoded messages and fires
 * {@link io.shapesync.shapes.ShapeLogAdvanced}; initial snapshots run on managed executor threads.
 */
package io.shapesync.shapes;
