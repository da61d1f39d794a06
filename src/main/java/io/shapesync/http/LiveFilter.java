package io.shapesync.http;

import io.shapesync.http.auth.ShapeCaller;
import io.shapesync.http.auth.ShapeGuard;
import io.shapesync.metrics.SyncMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes live requests for {@code /v1/shape} before JAX-RS: SSE ({@link SseResponder}, the servlet's non-blocking
 * output) and long-poll GETs ({@link ShapeService} answering through a {@link ServletExchange}: no JAX-RS dispatch and
 * no {@code AsyncResponse} per request, with the same status, headers and body). Every other request (non-live reads,
 * HEAD, POST subsets, DELETE, OPTIONS, and queries that cannot be split) goes on to the JAX-RS resources.
 */
@WebFilter(urlPatterns = {"/v1/shape", "/v1/shape/"}, asyncSupported = true)
public class LiveFilter implements Filter {
    @Inject
    SseResponder sse;
    @Inject
    ShapeService shapes;
    @Inject
    ShapeGuard guard;
    @Inject
    SyncMetrics metrics;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        // every /v1/shape response (live and JAX-RS alike) varies by caller while the shape authorizer's decisions do
        if (response instanceof HttpServletResponse out && guard.variesByCaller()) out.setHeader("vary", ShapeGuard.VARY);
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
            String method = http.getMethod();
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, String> q = "GET".equals(method) || "HEAD".equals(method) ? query(http.getQueryString(), params) : null;
            if (q != null && SseResponder.handlesQuery(method, q)) {
                sse.serve(http, out);
                return;
            }
            // a filter in front without async support (an organisation's own) cannot park a request: JAX-RS answers it
            if (q != null && longPoll(method, q) && http.isAsyncSupported()) {
                ServletExchange ex = new ServletExchange(http, out, metrics::responded);
                shapes.get(q, params, ShapeCaller.of(http), http.getHeader("If-None-Match"), ex);
                ex.dispatched();
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The query split by {@link ShapeRequest#parseQuery}, or null when it cannot be (JAX-RS answers the 400). */
    private static Map<String, String> query(String rawQuery, Map<String, String> params) {
        try {
            return ShapeRequest.parseQuery(rawQuery, params);
        } catch (BadRequestException e) {
            return null;
        }
    }

    /** Whether a request is a live long-poll served here: a GET with {@code live}, not SSE, not a subset snapshot. */
    static boolean longPoll(String method, Map<String, String> q) {
        if (!"GET".equals(method) || !ShapeRequest.bool(q.get("live"))) return false;
        if (ShapeRequest.bool(q.containsKey("live_sse") ? q.get("live_sse") : q.get("experimental_live_sse"))) return false;
        return !SubsetRequest.hasSubset(q);
    }
}
