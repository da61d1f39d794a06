/**
 * Routing indexes: per table, from a changed row's column values to the shapes whose where clause may match it, in
 * time that does not grow with the number of shapes (hash per key space for equality, an interval treap for ranges,
 * a plain list for clauses without a usable hint). Shapes are added and removed on request threads under the
 * registry's lock; lookups run on the replication thread without locks, against immutable or safely published state.
 */
package io.shapesync.shapes.routing;
