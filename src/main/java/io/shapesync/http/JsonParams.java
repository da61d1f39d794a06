package io.shapesync.http;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where-clause parameters sent as JSON ({@code params={"1":"a"}}, {@code subset__params}, a POST body's params). */
final class JsonParams {
    private JsonParams() {
    }

    /** Parses a JSON object text; {@code field} names the parameter in the 400 when it is not one. */
    static Map<String, String> parse(String field, String text) {
        JsonValue v;
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            v = r.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new BadRequestException(field, "is invalid");
        }
        return fromJson(field, v);
    }

    /** Values are stringified (numbers, booleans); a non-object or a nested value is invalid. */
    static Map<String, String> fromJson(String field, JsonValue v) {
        if (!(v instanceof JsonObject o)) throw new BadRequestException(field, "is invalid");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            out.put(e.getKey(), scalar(field, e.getValue()));
        }
        return out;
    }

    static String scalar(String field, JsonValue v) {
        if (v instanceof JsonString s) return s.getString();
        if (v instanceof JsonNumber n) return n.toString();
        if (v == JsonValue.TRUE) return "true";
        if (v == JsonValue.FALSE) return "false";
        throw new BadRequestException(field, "is invalid");
    }
}
