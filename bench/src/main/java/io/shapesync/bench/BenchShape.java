package io.shapesync.bench;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.RowFilter;

/** A subscriber as the benchmark routes to it: its routing hint and its full filter. */
record BenchShape(IndexHint hint, RowFilter filter) {
}
