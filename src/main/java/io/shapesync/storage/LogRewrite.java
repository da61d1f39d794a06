package io.shapesync.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 *
 * <p>The copied records go through the same state transitions as the replay on open, so the new generation's index,
 * chunk boundaries and latest offset are built while it is written, and {@link #install} needs no rescan. The methods
 * are synchronized: successive steps may run on different threads.
 */
public final class LogRewrite implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogRewrite.class.getName());
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    private enum Phase { PREFIX, TAIL, INSTALLED, ABANDONED, FAILED }

    private final FileShapeLog source;
    private final LogOffset cut;
    private final FileShapeLog target;
    private final Path finalFile;
    private Phase phase = Phase.PREFIX;
    private long prefixChunk;
    private long chunkFill;
    // Position in the source file up to which the tail has been copied
    private long copiedUpTo;
    private boolean tailStarted;
    private long copiedBytes;
    private ByteBuffer out;

    private LogRewrite(FileShapeLog source, LogOffset cut, long start, FileShapeLog target,
            Path finalFile) {
        this.source = source;
        this.cut = cut;
        this.copiedUpTo = start;
        this.target = target;
        this.finalFile = finalFile;
    }

    /**
     * Creates the unfinished next generation of {@code source}; the tail above {@code cut} starts at file position
     * {@code start} of the source (right after the cut's chunk-end marker).
     */
    static LogRewrite begin(FileShapeLog source, LogOffset cut, long start) {
        Path dir = source.file().toAbsolutePath().getParent();
        long next = source.generation() + 1;
        Path unfinished = LogGenerations.unfinishedFile(dir, next);
        FileShapeLog target;
        try {
            target = FileShapeLog.create(source.pool(), unfinished, next, source.chunkBytesThreshold());
        } catch (StorageException e) {
            if (e.getCause() instanceof FileAlreadyExistsException) {
                throw new StorageException("Cannot start a rewrite of " + source.file() + ": "
                        + unfinished + " exists (another rewrite in progress)", e);
            }
            throw e;
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "Rewriting {0} at {1} into {2}",
                    new Object[] {source.file(), cut, unfinished});
        }
        return new LogRewrite(source, cut, start, target, LogGenerations.file(dir, next));
    }

    /** Appends one prefix row (a JSON message) to the current prefix chunk. */
    public synchronized void prefixRow(byte[] json) {
        Objects.requireNonNull(json, "json");
        requirePhase(Phase.PREFIX, "append a prefix row");
        try {
            target.append(LogOffset.snapshotChunk(prefixChunk), json);
            chunkFill += json.length + 1;
            if (chunkFill >= source.chunkBytesThreshold()) {
                closePrefixChunk();
            }
        } catch (StorageException e) {
            phase = Phase.FAILED;
            throw e;
        }
    }

    /**
     * Appends the prefix's last record (the snapshot-end control message), closes its chunk and commits. After
     * this, no more prefix rows.
     */
    public synchronized void endPrefix(byte[] snapshotEndJson) {
        Objects.requireNonNull(snapshotEndJson, "snapshotEndJson");
        requirePhase(Phase.PREFIX, "end the prefix");
        try {
            target.append(LogOffset.snapshotChunk(prefixChunk), snapshotEndJson);
            closePrefixChunk();
        } catch (StorageException e) {
            phase = Phase.FAILED;
            throw e;
        }
        phase = Phase.TAIL;
    }

    /** Copies the records above the cut that the old log has committed since the last call; any thread. */
    public synchronized void copyTail() {
        requirePhase(Phase.TAIL, "copy the tail");
        long end = source.state().published().end();
        if (end <= copiedUpTo) {
            return;
        }
        try {
            copy(end);
        } catch (IOException e) {
            phase = Phase.FAILED;
            throw new StorageException("Cannot copy the tail of " + source.file() + " above " + cut
                    + " at position " + copiedUpTo + " into " + target.file() + ": " + e, e);
        } catch (RuntimeException e) {
            phase = Phase.FAILED;
            throw e;
        }
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
    public synchronized FileShapeLog install() {
        requirePhase(Phase.TAIL, "install");
        if (source.hasUncommitted()) {
            throw new IllegalStateException("Cannot install the rewrite of " + source.file()
                    + ": it has uncommitted records after " + source.latestOffset());
        }
        copyTail();
        LogOffset latest = source.latestOffset();
        if (!latest.equals(target.latestOffset())) {
            phase = Phase.FAILED;
            throw new StorageException("Cannot install " + target.file() + ": its latest offset "
                    + target.latestOffset() + " differs from " + latest + " in " + source.file());
        }
        Path unfinished = target.file();
        try {
            target.forceAll();
            Files.move(unfinished, finalFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            phase = Phase.FAILED;
            throw new StorageException("Cannot install " + unfinished + " as " + finalFile + ": "
                    + e, e);
        }
        forceDirectoryOrUndo(unfinished);
        target.renamedTo(finalFile);
        source.replacedBy(target.generation());
        phase = Phase.INSTALLED;
        out = null;
        LOG.log(Level.INFO, "Installed {0}, replacing {1}: cut at {2}, {3} prefix chunk(s), {4}"
                + " bytes of tail copied, latest offset {5}", new Object[] {finalFile,
                    source.file(), cut, prefixChunk, copiedBytes, latest});
        return target;
    }

    /** Deletes the unfinished new file; a no-op after {@link #install}. */
    public synchronized void abandon() {
        if (phase == Phase.INSTALLED || phase == Phase.ABANDONED) {
            return;
        }
        phase = Phase.ABANDONED;
        out = null;
        Path unfinished = target.file();
        try {
            target.close();
        } finally {
            try {
                Files.deleteIfExists(unfinished);
            } catch (IOException e) {
                throw new StorageException("Cannot delete unfinished rewrite " + unfinished
                        + ": " + e, e);
            }
        }
    }

    /** Same as {@link #abandon()}. */
    @Override
    public void close() {
        abandon();
    }

    /** The offset the rewrite cuts at (tests and diagnostics). */
    LogOffset cut() {
        return cut;
    }

    private void closePrefixChunk() {
        target.closeChunk();
        target.commit();
        prefixChunk++;
        chunkFill = 0;
    }

    /** Copies the source's records in [copiedUpTo, end), a committed region, through a bounded buffer. */
    private void copy(long end) throws IOException {
        int bufferBytes = (int) Math.min(COPY_BUFFER_BYTES, end - copiedUpTo);
        RecordCursor cursor = new RecordCursor(source.reader(), source.file(), copiedUpTo,
                end, bufferBytes);
        if (out == null) {
            out = ByteBuffer.allocate(COPY_BUFFER_BYTES);
        }
        LogState state = target.state();
        for (RecordCursor.Kind kind = cursor.next(); kind != RecordCursor.Kind.END;
                kind = cursor.next()) {
            if (kind == RecordCursor.Kind.BAD) {
                throw new StorageException("Corrupt committed record in "
                        + cursor.describeProblem());
            }
            if (!tailStarted && skipAtCut(kind, cursor)) {
                continue;
            }
            tailStarted = true;
            ByteBuffer record = cursor.record();
            long pos = state.writePos();
            String violation = LogRecovery.apply(state, kind, cursor.offset(), pos,
                    pos + record.remaining(), cursor.payloadLength());
            if (violation != null) {
                throw new StorageException("Cannot copy the record at position "
                        + cursor.recordPosition() + " of " + source.file() + " to " + target.file()
                        + " at position " + pos + ": " + violation);
            }
            buffer(record);
        }
        flush();
        copiedUpTo = end;
    }

    /** Before the first data record above the cut: true for the cut's own markers, which are not copied. */
    private boolean skipAtCut(RecordCursor.Kind kind, RecordCursor cursor) {
        if (kind == RecordCursor.Kind.DATA) {
            return false;
        }
        if (!cursor.offset().equals(cut)) {
            throw new StorageException("Unexpected " + kind + " marker at " + cursor.offset()
                    + " in " + source.file() + " at position " + cursor.recordPosition()
                    + " before the first record above the cut " + cut);
        }
        return true;
    }

    private void buffer(ByteBuffer record) {
        if (record.remaining() > out.remaining()) {
            flush();
        }
        copiedBytes += record.remaining();
        if (record.remaining() > out.capacity()) {
            target.writeCopied(record);
        } else {
            out.put(record);
        }
    }

    private void flush() {
        out.flip();
        target.writeCopied(out);
        out.clear();
    }

    /** After the rename: forces the directory, or renames the file back so that the old generation stays current. */
    private void forceDirectoryOrUndo(Path unfinished) {
        try {
            AtomicFiles.forceDirectory(finalFile.getParent());
        } catch (StorageException e) {
            phase = Phase.FAILED;
            try {
                Files.move(finalFile, unfinished, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    private void requirePhase(Phase expected, String action) {
        if (phase == expected) {
            return;
        }
        String why = switch (phase) {
            case PREFIX -> "the prefix is not ended (endPrefix)";
            case TAIL -> "the prefix is already ended";
            case INSTALLED -> "it is installed";
            case ABANDONED -> "it was abandoned";
            case FAILED -> "it failed earlier; abandon it";
        };
        throw new IllegalStateException("Cannot " + action + " in the rewrite of " + source.file()
                + " at " + cut + ": " + why);
    }
}
