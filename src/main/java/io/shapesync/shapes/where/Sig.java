package io.shapesync.shapes.where;

import java.util.List;

/**
 * One operator or function signature. {@code poly[i]}: parameter i is a polymorphic parameter instantiated for
 * the call (it never counts as an exact or preferred match). {@code fn}: Fn1 (prefix), Fn2 (binary) or FnN.
 */
record Sig(String name, List<SqlType> params, boolean[] poly, SqlType result, Object fn, boolean collate) {
    static Sig of(String name, SqlType l, SqlType r, SqlType result, Object fn) {
        return new Sig(name, l == null ? List.of(r) : List.of(l, r), new boolean[2], result, fn, false);
    }

    static Sig poly(String name, SqlType l, boolean pl, SqlType r, boolean pr, SqlType result, Object fn) {
        return new Sig(name, List.of(l, r), new boolean[] {pl, pr}, result, fn, false);
    }

    Sig withCollate() {
        return new Sig(name, params, poly, result, fn, true);
    }

    boolean isPoly(int i) {
        return i < poly.length && poly[i];
    }
}
