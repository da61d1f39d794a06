package io.shapesync.shapes;

/** The shape cannot be served right now (database unreachable, snapshot failed); the client should retry. */
public final class ShapeUnavailableException extends RuntimeException {
    public ShapeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
