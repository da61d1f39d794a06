package io.shapesync.http;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subset snapshot request (spec §10): a where clause with its parameters, limit, row offset and ORDER BY, from
 * {@code subset__*} query parameters or a POST body. Only these keys are read from a body.
 */
public record SubsetRequest(String where, Map<String, String> params, Long limit, Long offset, String orderBy) {

    public SubsetRequest {
        params = Map.copyOf(params);
    }

    /** The subset named by {@code subset__*} query parameters, or null when there is none. */
    static SubsetRequest fromQuery(Map<String, String> q) {
        if (!hasSubset(q)) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : q.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("subset__params[") && k.endsWith("]")) params.put(k.substring(15, k.length() - 1), e.getValue());
        }
        if (q.containsKey("subset__params")) params.putAll(JsonParams.parse("subset.params", q.get("subset__params")));
        return new SubsetRequest(q.get("subset__where"), params, number("limit", q.get("subset__limit")),
                number("offset", q.get("subset__offset")), q.get("subset__order_by"));
    }

    /** Whether a query has any {@code subset__} parameter (a subset snapshot, not a shape read). */
    static boolean hasSubset(Map<String, String> q) {
        for (String k : q.keySet()) {
            if (k.startsWith("subset__")) return true;
        }
        return false;
    }

    /** The subset of a POST body: {@code {"where", "params", "limit", "offset", "order_by"}} or {@code {"subset": {...}}}. */
    static SubsetRequest fromBody(JsonObject body) {
        JsonObject o = body.get("subset") instanceof JsonObject nested ? nested : body;
        Map<String, String> params = o.containsKey("params") && o.get("params") != JsonValue.NULL
                ? JsonParams.fromJson("subset.params", o.get("params")) : Map.of();
        return new SubsetRequest(text("where", o.get("where")), params, number("limit", text("limit", o.get("limit"))),
                number("offset", text("offset", o.get("offset"))), text("order_by", o.get("order_by")));
    }

    private static String text(String field, JsonValue v) {
        if (v == null || v == JsonValue.NULL) return null;
        if (v instanceof JsonString s) return s.getString();
        if (v instanceof JsonNumber n) return n.toString();
        throw new BadRequestException("subset." + field, "is invalid");
    }

    private static Long number(String field, String text) {
        if (text == null || text.isEmpty()) return null;
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("subset." + field, "is invalid");
        }
    }

    /** The spec's subset checks (§2.3): limit ≥ 1, offset ≥ 0, order_by required with either. */
    void validate() {
        if (limit != null && limit <= 0) throw new BadRequestException("subset.limit", "must be greater than 0");
        if (offset != null && offset < 0) throw new BadRequestException("subset.offset", "must be greater than or equal to 0");
        if ((limit != null || offset != null) && (orderBy == null || orderBy.isBlank())) {
            throw new BadRequestException("subset.order_by", "order_by is required when limit or offset is present");
        }
    }
}
