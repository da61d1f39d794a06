package io.shapesync.metrics;

import jakarta.enterprise.context.ApplicationScoped;

/** Metrics where MicroProfile Metrics is absent (WildFly): nothing is recorded; snapshot progress is still logged. */
@ApplicationScoped
public class NoopSyncMetrics implements SyncMetrics {
    @Override
    public void responded(int status) {
    }

    @Override
    public SnapshotProgress snapshotStarted(String table, String handle) {
        return new SnapshotProgress(table, handle, System::nanoTime, (p, completed, nanos) -> { });
    }
}
