package io.shapesync.http.admin;

import io.shapesync.shapes.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

/** The admin API's answers: JSON, never cached (the page polls them). */
final class AdminResponses {
    static final String JSON = "application/json";

    private AdminResponses() {
    }

    static Response json(int status, JsonObject body) {
        return Response.status(status).type(JSON).entity(body.toString()).header("cache-control", "no-store").build();
    }

    static Response message(int status, String message) {
        return Response.status(status).type(JSON).entity("{\"message\":" + Json.quoted(message) + "}")
                .header("cache-control", "no-store").build();
    }

    /** 400 in the shape API's form: {@code {"message":"Invalid request","errors":{"<field>":["<problem>"]}}}. */
    static Response badRequest(String field, String problem) {
        return Response.status(400).type(JSON).entity("{\"message\":\"Invalid request\",\"errors\":{" + Json.quoted(field)
                + ":[" + Json.quoted(problem) + "]}}").header("cache-control", "no-store").build();
    }
}
