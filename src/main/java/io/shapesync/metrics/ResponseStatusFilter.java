package io.shapesync.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts {@code /v1/shape} responses by status code (parked long-polls when they are answered). Live long-poll GETs
 * are answered by a servlet filter before JAX-RS, which counts them itself ({@code io.shapesync.http.LiveFilter});
 * SSE streams are not counted.
 */
@Provider
@ApplicationScoped
public class ResponseStatusFilter implements ContainerResponseFilter {
    // field injection: RESTEasy builds providers through a public no-argument constructor
    @Inject
    SyncMetrics metrics;

    public ResponseStatusFilter() {
    }

    ResponseStatusFilter(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (isShapePath(request.getUriInfo().getPath())) metrics.responded(response.getStatus());
    }

    /** {@code v1/shape} with or without a leading slash (JAX-RS implementations differ), or below it. */
    static boolean isShapePath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("v1/shape") || p.startsWith("v1/shape/");
    }
}
