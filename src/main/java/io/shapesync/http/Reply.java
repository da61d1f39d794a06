package io.shapesync.http;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code /v1/shape} response before it is written, either by JAX-RS ({@link #toResponse}) or straight to a servlet
 * response ({@link #write}). Headers are kept sorted case-insensitively, one value each: RESTEasy writes its headers in
 * that order, so a reply written to the servlet response goes out with the same bytes as through JAX-RS. The content
 * type is written as JAX-RS prints it (no space before {@code charset}).
 */
public final class Reply {
    /** {@link Headers#JSON} as RESTEasy writes it. */
    static final String JSON = "application/json;charset=utf-8";

    private int status;
    private final String type;
    private final TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Object entity;

    Reply(int status, String type) {
        this.status = status;
        this.type = type;
    }

    /** A response built by {@link Responses} (errors and control), as a reply. */
    static Reply of(Response r) {
        Reply reply = new Reply(r.getStatus(), r.getMediaType() == null ? null : r.getMediaType().toString());
        MultivaluedMap<String, String> h = r.getStringHeaders();
        for (Map.Entry<String, List<String>> e : h.entrySet()) {
            if (!e.getKey().equalsIgnoreCase("content-type") && !e.getValue().isEmpty()) reply.header(e.getKey(), e.getValue().get(0));
        }
        return reply.entity(r.getEntity());
    }

    /** Sets (replaces) a header; null values are left out. */
    Reply header(String name, Object value) {
        if (value != null) headers.put(name, value.toString());
        return this;
    }

    /** A {@code byte[]}, a {@code String} (UTF-8), a {@link StreamingOutput} or null. */
    Reply entity(Object body) {
        this.entity = body;
        return this;
    }

    Reply status(int s) {
        this.status = s;
        return this;
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name);
    }

    Object entity() {
        return entity;
    }

    /** The same response for JAX-RS (its {@code CorsFilter} adds the CORS headers). */
    Response toResponse() {
        Response.ResponseBuilder rb = Response.status(status);
        if (type != null) rb.type(type);
        headers.forEach(rb::header);
        return rb.entity(entity).build();
    }

    /**
     * Writes the reply with the CORS headers JAX-RS would add. A body given as bytes or text gets its
     * {@code content-length} here, last, as the container would add it when the body fits its buffer: so the response
     * can be flushed at once ({@link ServletExchange}) without turning into a chunked one. A {@link StreamingOutput}
     * has none (the container sets it, or chunks the body).
     */
    void write(HttpServletResponse out, boolean head) throws IOException {
        CorsFilter.apply(this::header, true);
        out.setStatus(status);
        boolean typed = type == null;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (!typed && String.CASE_INSENSITIVE_ORDER.compare(e.getKey(), "content-type") > 0) {
                out.setContentType(type);
                typed = true;
            }
            out.setHeader(e.getKey(), e.getValue());
        }
        if (!typed) out.setContentType(type);
        if (entity == null || status == 304) return;
        if (entity instanceof StreamingOutput s) {
            if (!head) s.write(out.getOutputStream());
            return;
        }
        byte[] body = entity instanceof byte[] b ? b : entity.toString().getBytes(StandardCharsets.UTF_8);
        // where the container would put them when it ends the response: the content language of the response's locale
        // (Liberty's default), then the length (for a HEAD: the length a GET would have)
        out.setHeader("content-language", out.getLocale().toLanguageTag());
        out.setContentLength(body.length);
        if (!head) out.getOutputStream().write(body);
    }
}
