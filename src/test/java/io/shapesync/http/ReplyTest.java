package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {
    /** The calls a reply makes on a servlet response, in order, and the body it writes. */
    private static final class Recorded {
        final List<String> calls = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{HttpServletResponse.class},
                    (proxy, m, args) -> {
                        if (m.getName().equals("getOutputStream")) return out;
                        if (m.getName().equals("getLocale")) return java.util.Locale.ENGLISH;
                        calls.add(m.getName() + (args == null ? "" : " " + List.of(args)));
                        return null;
                    });
        }
    }

    @Test
    void shouldWriteHeadersInRestEasyOrderWhenWrittenToServlet() throws Exception {
        Recorded r = new Recorded();
        new Reply(200, Reply.JSON).header("electric-handle", "h").header("cache-control", "public, max-age=5")
                .header("etag", "\"h:1_0:2_0\"").header("electric-has-data", true).header("electric-schema", null)
                .entity("[]".getBytes(StandardCharsets.UTF_8)).write(r.response(), false);
        assertEquals(List.of("setStatus [200]",
                "setHeader [access-control-allow-methods, GET, POST, HEAD, DELETE, OPTIONS]",
                "setHeader [access-control-allow-origin, *]",
                "setHeader [access-control-expose-headers, " + Headers.EXPOSED + "]",
                "setHeader [cache-control, public, max-age=5]",
                "setContentType [application/json;charset=utf-8]",
                "setHeader [electric-handle, h]",
                "setHeader [electric-has-data, true]",
                "setHeader [electric-server, ShapeSync/0.1]",
                "setHeader [etag, \"h:1_0:2_0\"]",
                "setHeader [content-language, en]",
                "setContentLength [2]"), r.calls);
        assertEquals("[]", r.body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPlaceTypeBetweenCorsHeadersWhenNoOthers() throws Exception {
        Recorded r = new Recorded();
        new Reply(204, "text/plain").write(r.response(), false);
        assertEquals("setContentType [text/plain]", r.calls.get(4), r.calls.toString());
        assertEquals("setHeader [electric-server, ShapeSync/0.1]", r.calls.get(5), r.calls.toString());
    }

    @Test
    void shouldWriteLengthButNoBodyWhenHead() throws Exception {
        Recorded r = new Recorded();
        new Reply(400, Reply.JSON).entity("{\"message\":\"é\"}").write(r.response(), true);
        assertTrue(r.calls.contains("setContentLength [16]"), r.calls.toString());
        assertEquals(0, r.body.size());
    }

    @Test
    void shouldWriteNoBodyWhenNotModified() throws Exception {
        Recorded r = new Recorded();
        new Reply(200, Reply.JSON).entity("[1]".getBytes(StandardCharsets.UTF_8)).status(304).write(r.response(), false);
        assertEquals("setStatus [304]", r.calls.get(0));
        assertEquals(0, r.body.size());
        assertFalse(r.calls.stream().anyMatch(c -> c.startsWith("setContentLength")), r.calls.toString());
    }

    @Test
    void shouldRouteOnlyLiveLongPollGetsToFilter() {
        assertTrue(LiveFilter.longPoll("GET", q("table=t&offset=1_0&handle=h&live=true")));
        assertTrue(LiveFilter.longPoll("GET", q("table=t&offset=1_0&handle=h&live")), "a flag without a value is set");
        assertTrue(LiveFilter.longPoll("GET", q("table=t&offset=-1&live=true")), "invalid, answered (400) by the filter");
        assertTrue(LiveFilter.longPoll("GET", q("live=true&live_sse=false")));
        assertFalse(LiveFilter.longPoll("GET", q("table=t&offset=1_0&handle=h&live=false")));
        assertFalse(LiveFilter.longPoll("GET", q("table=t&offset=1_0&handle=h")));
        assertFalse(LiveFilter.longPoll("HEAD", q("table=t&offset=1_0&handle=h&live=true")), "HEAD stays on JAX-RS");
        assertFalse(LiveFilter.longPoll("POST", q("table=t&offset=1_0&handle=h&live=true")));
        assertFalse(LiveFilter.longPoll("GET", q("live=true&live_sse=true")), "SSE");
        assertFalse(LiveFilter.longPoll("GET", q("live=true&experimental_live_sse=true")), "SSE");
        assertFalse(LiveFilter.longPoll("GET", q("live=true&subset__limit=1")), "a subset snapshot");
    }

    private static Map<String, String> q(String raw) {
        return ShapeRequest.parseQuery(raw, new LinkedHashMap<>());
    }
}
