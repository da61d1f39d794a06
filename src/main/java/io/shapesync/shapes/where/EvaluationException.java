package io.shapesync.shapes.where;

/**
 * Evaluating a where clause on a row failed where Postgres would raise an error (integer out of range, division by
 * zero, invalid input syntax for a cast, ...). The caller treats the row as not matching and logs it.
 */
public final class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }
}
