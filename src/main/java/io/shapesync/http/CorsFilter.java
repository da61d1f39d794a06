package io.shapesync.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** CORS and server identification on every response (spec §6.6). A constant {@code *}: no credentials are involved. */
@Provider
public class CorsFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        var h = response.getHeaders();
        apply(h::putSingle, request.getUriInfo().getPath().startsWith("v1/shape") || request.getUriInfo().getPath().startsWith("/v1/shape"));
    }

    /** The same headers for responses written outside JAX-RS (SSE). */
    static void apply(java.util.function.BiConsumer<String, String> set, boolean shapePath) {
        set.accept("access-control-allow-origin", "*");
        set.accept("access-control-expose-headers", Headers.EXPOSED);
        set.accept("access-control-allow-methods", shapePath ? "GET, POST, HEAD, DELETE, OPTIONS" : "GET, HEAD");
        set.accept(Headers.SERVER, "ShapeSync/0.1");
    }
}
