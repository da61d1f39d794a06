/**
 * File-based shape logs: each shape's ordered entries (the JSON bytes served on the wire) are
 * appended to a checksummed log file with chunk boundaries and a sparse in-memory index, cut back
 * to the last intact commit on open, and read back in offset ranges; {@link
 * io.shapesync.storage.AtomicFiles} replaces small metadata files crash-safely. Threads: the
 * replication thread is the single writer of a log (append, commit, close chunks, force); HTTP
 * request threads read concurrently, lock-free, with positional reads up to the published end. A
 * compaction thread may write a log's next generation ({@link io.shapesync.storage.LogRewrite})
 * concurrently with both; the writer installs it between transactions.
 * Pure Java, no {@code jakarta.*}.
 */
package io.shapesync.storage;
