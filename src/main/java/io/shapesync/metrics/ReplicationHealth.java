package io.shapesync.metrics;

import io.shapesync.replication.ReplicationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * MicroProfile Health from the replication status. Ready: streaming from the slot, so shape logs are current (a
 * standby, a disconnected or failed instance is not ready: a load balancer sends clients elsewhere). Started: it
 * streamed or stood by once. Live: the replication thread has not stopped (it retries outages by itself, so an
 * outage is not a reason to restart the server).
 */
@ApplicationScoped
public class ReplicationHealth {
    private final ReplicationStatus status;

    @Inject
    public ReplicationHealth(ReplicationStatus status) {
        this.status = status;
    }

    protected ReplicationHealth() {
        this(null);
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> response("replication-ready", status.ready());
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> response("replication-started", status.started());
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> response("replication-live", status.state() != ReplicationStatus.State.STOPPED);
    }

    private HealthCheckResponse response(String name, boolean up) {
        return HealthCheckResponse.named(name).status(up).withData("state", status.state().name())
                .withData("detail", status.detail()).build();
    }
}
