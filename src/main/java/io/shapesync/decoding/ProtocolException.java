package io.shapesync.decoding;

/** Malformed, truncated, unknown or out-of-order pgoutput input. The message carries tag and byte position. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
