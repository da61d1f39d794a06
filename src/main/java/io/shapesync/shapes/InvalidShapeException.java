package io.shapesync.shapes;

/** A client asked for a shape that cannot exist: names the request field ({@code table}, {@code columns}, …). */
public final class InvalidShapeException extends RuntimeException {
    private final String field;

    public InvalidShapeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() { return field; }
}
