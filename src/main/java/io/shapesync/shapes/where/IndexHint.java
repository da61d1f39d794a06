package io.shapesync.shapes.where;

import java.util.List;
import java.util.Set;

/**
 * What a routing index may use of a where clause: a <em>necessary</em> condition on a row for the clause to be
 * true. Every row the clause matches satisfies the hint; rows that satisfy the hint are still evaluated with the full
 * {@link RowFilter}. {@code id = 5 AND status = 'open'} hints {@code Equality(id, {5})}; {@code a = 1 OR b = 2}
 * hints {@code AnyOf(Equality(a,{1}), Equality(b,{2}))}; anything else is {@link None}.
 */
public sealed interface IndexHint {

    /** No usable condition: the clause is evaluated for every change of the table. */
    record None() implements IndexHint {
    }

    /** The column's key is one of {@code keys} (keys as produced by {@code space.key(text)}). */
    record Equality(KeySpace space, Set<Object> keys) implements IndexHint {
        public Equality {
            keys = Set.copyOf(keys);
        }
    }

    /**
     * The column's key lies between the bounds in {@code space.order()}; a null bound is unbounded (never both
     * null).
     */
    record Range(KeySpace space, Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive)
            implements IndexHint {
    }

    /** At least one alternative holds (none of them is {@link None}). */
    record AnyOf(List<IndexHint> alternatives) implements IndexHint {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }
    }

    IndexHint NONE = new None();
}
