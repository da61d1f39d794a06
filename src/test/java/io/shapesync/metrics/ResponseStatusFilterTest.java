package io.shapesync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseStatusFilterTest {
    private final List<Integer> counted = new ArrayList<>();
    private final SyncMetrics recording = new SyncMetrics() {
        @Override
        public void responded(int status) {
            counted.add(status);
        }

        @Override
        public SnapshotProgress snapshotStarted(String table, String handle) {
            throw new UnsupportedOperationException();
        }
    };

    /** A JAX-RS interface answering only the named method (the filter needs nothing else). */
    private static <T> T stub(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method)) return answer;
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    private void respond(String path, int status) {
        UriInfo uri = stub(UriInfo.class, "getPath", path);
        new ResponseStatusFilter(recording).filter(stub(ContainerRequestContext.class, "getUriInfo", uri),
                stub(ContainerResponseContext.class, "getStatus", status));
    }

    @Test
    void shouldCountShapeResponsesByStatusWhenFiltered() {
        respond("v1/shape", 200);
        respond("/v1/shape", 409);
        respond("v1/health", 200);
        respond("", 404);
        respond("v1/shapes", 400);
        assertEquals(List.of(200, 409), counted);
    }

    @Test
    void shouldRecognizeShapePathWhenWithOrWithoutLeadingSlash() {
        assertTrue(ResponseStatusFilter.isShapePath("v1/shape"));
        assertTrue(ResponseStatusFilter.isShapePath("/v1/shape"));
        assertTrue(ResponseStatusFilter.isShapePath("/v1/shape/x"));
        assertFalse(ResponseStatusFilter.isShapePath("/v1/shapex"));
        assertFalse(ResponseStatusFilter.isShapePath("/v1/health"));
        assertFalse(ResponseStatusFilter.isShapePath("/"));
    }
}
