/**
 * Typed, validated configuration read once from MicroProfile Config ({@link io.shapesync.config.SyncConfig}),
 * accepting ShapeSync's {@code sync.*} keys and Electric's environment variable names. Read at deployment
 * on the container's start-up thread; immutable afterwards.
 */
package io.shapesync.config;
