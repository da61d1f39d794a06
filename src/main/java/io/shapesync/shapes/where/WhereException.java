package io.shapesync.shapes.where;

/**
 * A where clause (or subset order_by) that cannot be accepted: a syntax error, an unknown column, a type error, an
 * unsupported construct. {@code position} is the 0-based character index in the clause text the problem is at, or
 * -1 when the problem has no single position (e.g. "WHERE clause must return a boolean").
 * {@link #getMessage()} is the text sent to clients: {@code "At location <n>: <reason>"} or just the reason.
 */
public final class WhereException extends RuntimeException {
    private final int position;
    private final String reason;

    public WhereException(int position, String reason) {
        super(position >= 0 ? "At location " + position + ": " + reason : reason);
        this.position = position;
        this.reason = reason;
    }

    public int position() { return position; }

    public String reason() { return reason; }
}
