package io.shapesync.http;

import io.shapesync.shapes.LogMode;
import io.shapesync.shapes.Replica;
import io.shapesync.shapes.ShapeParams;
import io.shapesync.storage.LogOffset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a {@code /v1/shape} request, parsed from the raw query string and validated in the spec's
 * order (§2.3), stopping at the first failing group. Unknown parameters are ignored.
 */
public record ShapeRequest(String table, LogOffset offset, boolean now, String rawOffset, String handle, boolean live,
                           boolean liveSse, String cursor, String where, String columns, Replica replica, LogMode log,
                           Map<String, String> params, SubsetRequest subset, String secret) {

    /** The shape this request names. */
    public ShapeParams shapeParams() {
        return new ShapeParams(table, columns, where, params, replica, log);
    }

    /** The same request for another shape definition (the shape authorizer's narrowing). */
    public ShapeRequest withShape(ShapeParams p) {
        if (p.equals(shapeParams())) return this;
        return new ShapeRequest(p.table(), offset, now, rawOffset, handle, live, liveSse, cursor, p.where(), p.columns(), p.replica(),
                p.log(), p.params(), subset, secret);
    }

    /** The API secret ({@code secret}, else the deprecated {@code api_secret}) of a raw query, read before validation. */
    public static String secret(String rawQuery) {
        return secretIn(parseQuery(rawQuery, new LinkedHashMap<>()));
    }

    /** The API secret of a query split by {@link #parseQuery}. */
    public static String secretIn(Map<String, String> q) {
        return q.containsKey("secret") ? q.get("secret") : q.get("api_secret");
    }

    public boolean initial() {
        return now || offset.equals(LogOffset.BEFORE_ALL);
    }

    public static Map<String, String> parseQuery(String rawQuery, Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return out;
        // by index, not split(): every live long-poll comes through here
        for (int start = 0, n = rawQuery.length(); start <= n; ) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) eq = -1;
                String key = decode(rawQuery, start, eq < 0 ? end : eq);
                String value = eq < 0 ? "" : decode(rawQuery, eq + 1, end);
                if (key.startsWith("params[") && key.endsWith("]")) params.put(key.substring(7, key.length() - 1), value);
                else out.put(key, value);
            }
            start = end + 1;
        }
        return out;
    }

    /** {@code s[from, to)} URL-decoded; no copy beyond the substring when there is nothing to decode. */
    private static String decode(String s, int from, int to) {
        String part = s.substring(from, to);
        if (part.indexOf('%') < 0 && part.indexOf('+') < 0) return part;
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("query", "malformed percent-encoding in the query string");
        }
    }

    public static ShapeRequest parse(String rawQuery) {
        return parse(rawQuery, null);
    }

    /**
     * Parses and validates a request; {@code body} is a POST's subset body (spec §10), or null for GET, where
     * {@code subset__*} query parameters are read instead.
     */
    public static ShapeRequest parse(String rawQuery, SubsetRequest body) {
        Map<String, String> params = new LinkedHashMap<>();
        return parse(parseQuery(rawQuery, params), params, body);
    }

    /** As {@link #parse(String, SubsetRequest)}, from a query already split by {@link #parseQuery} ({@code params} is added to). */
    public static ShapeRequest parse(Map<String, String> q, Map<String, String> params, SubsetRequest body) {
        if (q.containsKey("params")) params.putAll(JsonParams.parse("params", q.get("params")));
        Replica replica = switch (q.getOrDefault("replica", "default")) {
            case "default" -> Replica.DEFAULT;
            case "full" -> Replica.FULL;
            default -> throw new BadRequestException("replica", "is invalid");
        };
        LogMode log = switch (q.getOrDefault("log", "full")) {
            case "full" -> LogMode.FULL;
            case "changes_only" -> LogMode.CHANGES_ONLY;
            default -> throw new BadRequestException("log", "is invalid");
        };
        boolean live = bool(q.get("live"));
        boolean liveSse = q.containsKey("live_sse") ? bool(q.get("live_sse")) : bool(q.get("experimental_live_sse"));
        String rawOffset = q.get("offset");
        if (rawOffset == null || rawOffset.isEmpty()) throw new BadRequestException("offset", "can't be blank");
        boolean now = rawOffset.equals("now");
        LogOffset offset;
        try {
            offset = now ? LogOffset.BEFORE_ALL : LogOffset.parse(rawOffset);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("offset", "has invalid format");
        }
        boolean initial = now || offset.equals(LogOffset.BEFORE_ALL);
        String handle = initial ? null : q.get("handle");
        if (!initial && (handle == null || handle.isEmpty())) {
            throw new BadRequestException("handle", "can't be blank when offset != -1");
        }
        if (live && now) throw new BadRequestException("live", "can't be true when offset is 'now'");
        if (live && initial) throw new BadRequestException("live", "can't be true when offset == -1");
        if (liveSse && !live) throw new BadRequestException("live_sse", "can't be true unless live is also true");
        String table = q.get("table");
        if (table == null || table.isEmpty()) throw new BadRequestException("table", "can't be blank");
        SubsetRequest subset = body != null ? body : SubsetRequest.fromQuery(q);
        return new ShapeRequest(table, offset, now, rawOffset, handle, live, liveSse, q.get("cursor"), q.get("where"),
                q.get("columns"), replica, log, params, subset, secretIn(q));
    }

    /** A flag parameter: set unless absent or {@code false}. */
    static boolean bool(String v) {
        return v != null && !v.equals("false");
    }
}
