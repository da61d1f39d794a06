package io.shapesync.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validation failure: field → messages, rendered as the spec's 400 body. */
public final class BadRequestException extends RuntimeException {
    private final Map<String, List<String>> errors;

    public BadRequestException(String field, String message) {
        super(field + ": " + message);
        this.errors = new LinkedHashMap<>(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
