package io.shapesync.http;

import io.shapesync.http.auth.ShapeGuard;
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

/**
 * Takes live SSE requests for {@code /v1/shape} before JAX-RS (see {@link SseResponder}): they are served with the
 * servlet's asynchronous, non-blocking output. Every other request goes on to the JAX-RS resources.
 */
@WebFilter(urlPatterns = {"/v1/shape", "/v1/shape/"}, asyncSupported = true)
public class SseFilter implements Filter {
    @Inject
    SseResponder responder;
    @Inject
    ShapeGuard guard;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        // every /v1/shape response (SSE and JAX-RS alike) varies by caller while the shape authorizer's decisions do
        if (response instanceof HttpServletResponse out && guard.variesByCaller()) out.setHeader("vary", ShapeGuard.VARY);
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out
                && SseResponder.handles(http.getMethod(), http.getQueryString())) {
            responder.serve(http, out);
            return;
        }
        chain.doFilter(request, response);
    }
}
