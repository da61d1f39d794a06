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
        h.putSingle("access-control-allow-origin", "*");
        h.putSingle("access-control-expose-headers", Headers.EXPOSED);
        h.putSingle("access-control-allow-methods", request.getUriInfo().getPath().startsWith("v1/shape")
                || request.getUriInfo().getPath().startsWith("/v1/shape") ? "GET, POST, HEAD, DELETE, OPTIONS" : "GET, HEAD");
        h.putSingle(Headers.SERVER, "ShapeSync/0.1");
    }
}
