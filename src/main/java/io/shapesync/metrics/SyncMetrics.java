package io.shapesync.metrics;

/**
 * What the rest of ShapeSync reports to metrics. Two implementations: {@link MpSyncMetrics} (MicroProfile Metrics,
 * the only class that touches its API) where MP Metrics is installed, and {@link NoopSyncMetrics} elsewhere (WildFly
 * has no MP Metrics: the alternative then fails to load and the no-op is used). Most metrics are gauges over state
 * that already exists (shapes, parked requests, replication status), read when scraped; see docs/operations.md.
 * Metric names below are MicroProfile names; the Prometheus names are derived from them (dots become underscores,
 * counters get {@code _total}, the unit is appended).
 */
public interface SyncMetrics {
    String REPLICATION_LAG_BYTES = "sync.replication.lag.bytes";
    String REPLICATION_LAG_TIME = "sync.replication.lag.time";
    String REPLICATION_RETAINED_WAL = "sync.replication.retained.wal";
    String REPLICATION_TRANSACTIONS = "sync.replication.transactions";
    String REPLICATION_ROW_CHANGES = "sync.replication.row.changes";
    String SHAPES = "sync.shapes.count";
    String WAITERS = "sync.http.waiters";
    String RESPONSES = "sync.http.responses";
    String SNAPSHOT_DURATION = "sync.snapshot.duration";
    String SNAPSHOT_FAILURES = "sync.snapshot.failures";
    String SNAPSHOT_RUNNING = "sync.snapshot.running";
    String SNAPSHOT_ROWS = "sync.snapshot.rows";
    String SNAPSHOT_ROWS_ESTIMATED = "sync.snapshot.rows.estimated";
    String SNAPSHOT_RATE = "sync.snapshot.rate";
    String SNAPSHOT_ETA = "sync.snapshot.eta";
    String STORAGE_BYTES = "sync.storage.bytes";

    /** A response of {@code /v1/shape} was sent with this status code. */
    void responded(int status);

    /**
     * A shape's initial snapshot begins: the returned progress logs every few seconds and, where metrics exist, is
     * exposed as gauges until it is closed.
     */
    SnapshotProgress snapshotStarted(String table, String handle);
}
