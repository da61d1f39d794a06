/**
 * Observability. Health checks for MicroProfile Health ({@code /health/live}, {@code /health/ready},
 * {@code /health/started}), read from the replication thread's status on request threads; the spec's own
 * {@code /v1/health} is in {@code http}. Metrics: {@link io.shapesync.metrics.SyncMetrics}, implemented on
 * MicroProfile Metrics where it is installed ({@code /metrics}) and a no-op elsewhere; gauges are read on the
 * scraping thread, the slot and storage samples on one periodic managed task, the replication counters on the
 * replication thread (one add per transaction), snapshot progress on the snapshot threads.
 */
package io.shapesync.metrics;
