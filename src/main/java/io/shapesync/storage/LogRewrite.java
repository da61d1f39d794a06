package io.shapesync.storage;

/**
 * A compaction of one {@link FileShapeLog} into its next generation file: a new prefix written as an initial-snapshot
 * region ({@code 0_0}, {@code 0_1}, ... chunks, closed at the log's chunk threshold), followed by a byte-for-byte copy
 * of every committed record above the cut, chunk boundaries included. The old generation stays open and readable
 * until its owner closes it; clients holding offsets above the cut read the same records from either generation.
 *
 * <p>Life cycle: {@link FileShapeLog#beginRewrite} (any thread, concurrent with the writer and readers);
 * {@link #prefixRow} for each prefix row in order; {@link #endPrefix} once; {@link #copyTail} any number of times
 * (copies the committed records written since the last call); then {@link #install} by the log's writer, or
 * {@link #abandon} by anybody. Until {@link #install} the new file lives under a temporary name that
 * {@link FileShapeLog#open} deletes, so a crash at any point leaves either the old or the new generation whole.
 */
public final class LogRewrite implements AutoCloseable {

    LogRewrite() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Appends one prefix row (a JSON message) to the current prefix chunk. */
    public void prefixRow(byte[] json) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Appends the prefix's last record (the snapshot-end control message), closes its chunk and commits. After
     * this, no more prefix rows.
     */
    public void endPrefix(byte[] snapshotEndJson) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Copies the records above the cut that the old log has committed since the last call; any thread. */
    public void copyTail() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Finishes the rewrite, called by the old log's writer between transactions (no uncommitted records): copies the
     * rest of the tail, forces the new file, renames it to the next generation's name and forces the directory.
     * Returns the new generation, open for appends and reads; its latest offset and chunk boundaries above the cut
     * equal the old log's. The old log is untouched (still open, still readable); the caller closes it and calls
     * {@link FileShapeLog#deleteFile()} when its readers are done.
     *
     * @throws IllegalStateException if the old log has uncommitted records
     */
    public FileShapeLog install() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Deletes the unfinished new file; a no-op after {@link #install}. */
    public void abandon() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Same as {@link #abandon()}. */
    @Override
    public void close() {
        abandon();
    }
}
