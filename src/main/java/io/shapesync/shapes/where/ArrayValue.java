package io.shapesync.shapes.where;

import java.util.Arrays;
import java.util.List;

/** A Postgres array: dimensions, lower bounds and the elements in row-major order (null = NULL element). */
final class ArrayValue {
    static final ArrayValue EMPTY = new ArrayValue(new int[0], new int[0], new Object[0]);

    final int[] dims;
    final int[] lbounds;
    final Object[] elems;

    ArrayValue(int[] dims, int[] lbounds, Object[] elems) {
        this.dims = dims;
        this.lbounds = lbounds;
        this.elems = elems;
    }

    static ArrayValue of(List<Object> elems) {
        if (elems.isEmpty()) {
            return EMPTY;
        }
        return new ArrayValue(new int[] {elems.size()}, new int[] {1}, elems.toArray());
    }

    int ndims() {
        return dims.length;
    }

    boolean isEmpty() {
        return elems.length == 0;
    }

    boolean sameShape(ArrayValue o) {
        return Arrays.equals(dims, o.dims) && Arrays.equals(lbounds, o.lbounds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && sameShape(a) && Arrays.equals(elems, a.elems);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + Arrays.hashCode(elems);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims) + Arrays.toString(elems);
    }
}
