/**
 * Decodes the Postgres {@code pgoutput} logical-replication protocol (proto_version 1) into immutable
 * messages ({@link io.shapesync.decoding.PgOutputDecoder}, a pure function of the bytes) and assembles
 * them into committed {@link io.shapesync.decoding.Transaction}s of row-level
 * {@link io.shapesync.decoding.Change}s, resolving relation ids through a
 * {@link io.shapesync.decoding.RelationCache} and filling unchanged TOAST values from full old rows. It
 * does no I/O, holds no connection and imports no {@code jakarta.*}; every class can be built with
 * {@code new}. The decoder is stateless; the cache and the {@link io.shapesync.decoding.TransactionAssembler}
 * are mutable, not thread-safe and owned by the single replication thread that reads the stream; the
 * values they produce are immutable and may be handed to other threads.
 */
package io.shapesync.decoding;
