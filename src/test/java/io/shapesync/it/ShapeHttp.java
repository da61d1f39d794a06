package io.shapesync.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A small protocol client for the ITs: requests, and a materialized view that applies messages strictly. */
final class ShapeHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    ShapeHttp(URL base) {
        String s = base.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    HttpResponse<String> get(String query) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/shape?" + query)).timeout(Duration.ofSeconds(60)).GET().build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** GET of another path of the application, e.g. {@code /v1/health}. */
    HttpResponse<String> getPath(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonArray messages(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** Rows by key; applying a message that contradicts the state (insert of a present key, …) is a conflict. */
    static final class View {
        final Map<String, Map<String, String>> rows = new TreeMap<>();
        int conflicts;
        boolean upToDate;

        void apply(JsonArray messages) {
            upToDate = false;
            for (JsonValue v : messages) {
                JsonObject m = v.asJsonObject();
                JsonObject headers = m.getJsonObject("headers");
                if (headers.containsKey("control")) {
                    if ("up-to-date".equals(headers.getString("control"))) upToDate = true;
                    continue;
                }
                String key = m.getString("key");
                Map<String, String> value = new LinkedHashMap<>();
                m.getJsonObject("value").forEach((k, x) -> value.put(k, x.getValueType() == JsonValue.ValueType.NULL ? null
                        : ((jakarta.json.JsonString) x).getString()));
                switch (headers.getString("operation")) {
                    case "insert" -> {
                        if (rows.put(key, value) != null) conflicts++;
                    }
                    case "update" -> {
                        Map<String, String> row = rows.get(key);
                        if (row == null) conflicts++;
                        else row.putAll(value);
                    }
                    case "delete" -> {
                        if (rows.remove(key) == null) conflicts++;
                    }
                    default -> throw new IllegalStateException("unknown operation in " + m);
                }
            }
        }
    }

    /**
     * Long-polls from {@code offset}, applying messages, until the view equals {@code expected} (re-read after each
     * response; bounded by the calling test's timeout). Returns the offset reached.
     */
    String pollUntil(String query, String handle, String offset, View view,
                     java.util.concurrent.Callable<Map<String, Map<String, String>>> expected) throws Exception {
        Map<String, Map<String, String>> want = expected.call();
        while (!view.rows.equals(want)) {
            HttpResponse<String> r = get(query + "&handle=" + handle + "&live=true&offset=" + offset);
            if (r.statusCode() != 200) throw new AssertionError("expected 200 while polling, got " + r.statusCode() + ": " + r.body());
            view.apply(messages(r));
            offset = header(r, "electric-offset");
            want = expected.call();
        }
        return offset;
    }

    /** Syncs from scratch until up-to-date; returns the handle and offset reached. */
    String[] syncUntilUpToDate(String shapeQuery, View view) throws IOException, InterruptedException {
        String offset = "-1";
        String handle = null;
        for (int i = 0; i < 10_000; i++) {
            HttpResponse<String> r = get(shapeQuery + "&offset=" + offset + (handle == null ? "" : "&handle=" + handle));
            if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
            view.apply(messages(r));
            handle = header(r, "electric-handle");
            offset = header(r, "electric-offset");
            if (view.upToDate) return new String[] {handle, offset};
        }
        throw new IllegalStateException("never up-to-date");
    }
}
