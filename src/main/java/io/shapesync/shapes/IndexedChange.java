package io.shapesync.shapes;

import io.shapesync.decoding.Change;

/** A row change and its position {@code n} among the row changes of its transaction (its op offset is 2n). */
record IndexedChange(long n, Change change) {
}
