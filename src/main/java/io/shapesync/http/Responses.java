package io.shapesync.http;

import io.shapesync.shapes.Json;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The protocol's error and control responses (spec §2.3, §2.4, §4.3). */
final class Responses {
    private Responses() {
    }

    /** The spec's 400 body; a field {@code subset.x} is nested as {@code "subset":{"x":[...]}}. */
    static Response badRequest(Map<String, List<String>> errors) {
        StringBuilder sb = new StringBuilder("{\"message\":\"Invalid request\",\"errors\":{");
        boolean first = true;
        for (Map.Entry<String, List<String>> e : errors.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            String field = e.getKey();
            int dot = field.indexOf('.');
            if (dot > 0) {
                Json.string(sb, field.substring(0, dot)).append(":{");
                Json.string(sb, field.substring(dot + 1)).append(':');
                appendMessages(sb, e.getValue()).append('}');
            } else {
                Json.string(sb, field).append(':');
                appendMessages(sb, e.getValue());
            }
        }
        sb.append("}}");
        return noStore(400, sb.toString());
    }

    private static StringBuilder appendMessages(StringBuilder sb, List<String> messages) {
        sb.append('[');
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) sb.append(',');
            Json.string(sb, messages.get(i));
        }
        return sb.append(']');
    }

    static Response badRequest(String field, String message) {
        return badRequest(Map.of(field, List.of(message)));
    }

    static Response mustRefetch(String newHandle) {
        Response.ResponseBuilder rb = Response.status(409).type(Headers.JSON).entity("[{\"headers\":{\"control\":\"must-refetch\"}}]");
        if (newHandle != null) {
            rb.header(Headers.HANDLE, newHandle).header("cache-control", "public, max-age=60, must-revalidate");
        } else {
            rb.header("cache-control", "public, max-age=1, must-revalidate");
        }
        return rb.build();
    }

    static Response unavailable(String message, int retryAfterSeconds) {
        return Response.status(503).type(Headers.JSON).entity("{\"message\":" + Json.quoted(message) + "}")
                .header(Headers.RETRY_AFTER, retryAfterSeconds).header("cache-control", "no-store")
                .header(Headers.SURROGATE_CONTROL, "no-store").build();
    }

    /** Admission control's 503 (spec §2.4): known error, retry after 5 to 10 s. */
    static Response overloaded(boolean initial, int limit) {
        return Response.status(503).type(Headers.JSON).entity(overloadedBody(initial, limit))
                .header(Headers.RETRY_AFTER, 5 + ThreadLocalRandom.current().nextInt(6))
                .header("electric-internal-known-error", "true")
                .header("cache-control", "no-store").header(Headers.SURROGATE_CONTROL, "no-store").build();
    }

    static String overloadedBody(boolean initial, int limit) {
        String message = "Concurrent " + (initial ? "initial" : "existing") + " request limit exceeded (limit: " + limit
                + "), please retry";
        return "{\"code\":\"concurrent_request_limit_exceeded\",\"message\":" + Json.quoted(message) + "}";
    }

    static Response databaseUnreachable() {
        return Response.status(503).type(Headers.JSON)
                .entity("{\"code\":\"database_unreachable\",\"error\":\"Database is unreachable\"}")
                .header(Headers.RETRY_AFTER, 5 + ThreadLocalRandom.current().nextInt(6))
                .header("cache-control", "no-store").header(Headers.SURROGATE_CONTROL, "no-store").build();
    }

    static Response unauthorized() {
        return noStore(401, "{\"message\":\"Unauthorized - Invalid API secret\"}");
    }

    static Response internalError() {
        return noStore(500, "{\"error\":\"Internal server error\"}");
    }

    static Response message(int status, String message) {
        return Response.status(status).type(Headers.JSON).entity("{\"message\":" + Json.quoted(message) + "}")
                .header("cache-control", "no-cache").build();
    }

    static Response noStore(int status, String body) {
        return Response.status(status).type(Headers.JSON).entity(body).header("cache-control", "no-store")
                .header(Headers.SURROGATE_CONTROL, "no-store").build();
    }
}
