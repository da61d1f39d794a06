package io.shapesync.http;

import io.shapesync.replication.ReplicationStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code /v1/health}: 200 active when replication streams; 202 waiting while another instance holds the replication
 * lock; 202 starting otherwise (spec §14).
 */
@Path("/v1/health")
@RequestScoped
public class HealthResource {
    private final ReplicationStatus status;

    @Inject
    public HealthResource(ReplicationStatus status) {
        this.status = status;
    }

    /**
     * For the CDI proxy. Public because RESTEasy on WildFly rejects a resource class without a public constructor it
     * could call itself (RESTEASY003190), although CDI creates the instances through the {@code @Inject} constructor.
     */
    public HealthResource() {
        this(null);
    }

    @GET
    public Response health() {
        boolean ready = status.ready();
        String state = ready ? "active" : status.waiting() ? "waiting" : "starting";
        return Response.status(ready ? 200 : 202).type(Headers.JSON)
                .entity("{\"status\":\"" + state + "\"}")
                .header("cache-control", "no-cache, no-store, must-revalidate").build();
    }
}
