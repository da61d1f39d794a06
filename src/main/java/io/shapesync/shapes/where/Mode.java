package io.shapesync.shapes.where;

/** Which where clause is being compiled: a shape's, or a subset snapshot's (spec §10, §11). */
public enum Mode {
    /** A shape's {@code where}: subqueries allowed. */
    SHAPE,
    /** A subset's {@code where}: no subqueries ("Subqueries are not allowed in subsets"). */
    SUBSET
}
