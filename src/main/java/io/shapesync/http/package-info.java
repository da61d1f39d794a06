/**
 * The Shape HTTP API (spec): {@code /v1/shape} reads and long-polls, {@code /v1/health}, CORS and error mapping.
 * Requests run on the container's request threads: live GETs are taken by {@code LiveFilter} before JAX-RS, the rest
 * go to the JAX-RS resources, and both call {@code ShapeService}. Parked long-polls hold no thread and are resumed on a
 * managed executor when their shape advances, or answered "up-to-date" by one periodic sweeper at their deadline.
 */
package io.shapesync.http;
