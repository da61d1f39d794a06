/**
 * Health checks for MicroProfile Health ({@code /health/live}, {@code /health/ready}, {@code /health/started}), read
 * from the replication thread's status on request threads. The spec's own {@code /v1/health} is in {@code http}.
 */
package io.shapesync.metrics;
