package io.shapesync.storage;

import static io.shapesync.storage.RecordCodec.CHUNK_END;
import static io.shapesync.storage.RecordCodec.COMMIT;
import static io.shapesync.storage.RecordCodec.FILE_HEADER_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens a log file: writes the header of a new file, or replays an existing one into a
 * {@link LogState} and cuts the tail after the last intact commit (a torn or corrupt record, an
 * inconsistent marker, or records that were never committed). Runs on the opening thread before
 * any reader can see the log.
 */
final class LogRecovery {

    private static final Logger LOG = Logger.getLogger(LogRecovery.class.getName());
    private static final int SCAN_BUFFER_BYTES = 256 * 1024;

    private LogRecovery() {
    }

    static void recover(Path file, FileChannel ch, ReadChannel reader, LogState state)
            throws IOException {
        long size = ch.size();
        if (size < FILE_HEADER_BYTES) {
            initialize(file, ch, size);
            return;
        }
        checkHeader(file, ch);
        RecordCursor cursor = new RecordCursor(reader, file, FILE_HEADER_BYTES, size,
                SCAN_BUFFER_BYTES);
        String problem = replay(file, cursor, state);
        int uncommitted = state.pendingRecords();
        state.rollBackToCommitted();
        long end = state.writePos();
        if (end < size) {
            LOG.log(Level.WARNING, "Cut {0} bytes from the tail of {1} at position {2}, keeping"
                    + " everything up to offset {3} ({4} uncommitted data records dropped; {5})",
                    new Object[] {size - end, file, end, state.published().latest(), uncommitted,
                        problem == null ? "no damage found" : problem});
            ch.truncate(end);
            ch.force(false);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "Opened {0}: {1} bytes, latest offset {2}",
                    new Object[] {file, end, state.published().latest()});
        }
        ch.position(end);
    }

    /** Replays records into the state; returns why the scan stopped early, or null at the end. */
    private static String replay(Path file, RecordCursor cursor, LogState state)
            throws IOException {
        for (RecordCursor.Kind kind = cursor.next(); kind != RecordCursor.Kind.END;
                kind = cursor.next()) {
            if (kind == RecordCursor.Kind.BAD) {
                return cursor.describeProblem();
            }
            String violation = apply(state, kind, cursor.offset(), cursor.recordPosition(),
                    cursor.position(), cursor.payloadLength());
            if (violation != null) {
                return file + " at position " + cursor.recordPosition() + ": " + violation;
            }
        }
        return null;
    }

    /**
     * Applies one intact record that occupies {@code [pos, end)} of the state's file, exactly as
     * writing it did: used by the replay on open and by a rewrite copying records into a new
     * generation. Returns why the record cannot follow the ones before it (state unchanged), or
     * null.
     */
    static String apply(LogState state, RecordCursor.Kind kind, LogOffset offset, long pos,
            long end, int payloadLength) {
        String violation = switch (kind) {
            case DATA -> state.appendViolation(offset);
            case COMMIT -> state.markerViolation(COMMIT, offset);
            case CHUNK_END -> state.markerViolation(CHUNK_END, offset);
            default -> "unexpected record kind " + kind + " at " + offset;
        };
        if (violation != null) {
            return violation;
        }
        state.setWritePos(end);
        switch (kind) {
            case DATA -> state.onData(offset, pos, payloadLength);
            case COMMIT -> state.onCommit();
            default -> state.onBoundary(offset);
        }
        return null;
    }

    private static void initialize(Path file, FileChannel ch, long size) throws IOException {
        if (size > 0) {
            LOG.log(Level.WARNING, "Cut {0} bytes of a partial file header from {1}",
                    new Object[] {size, file});
            ch.truncate(0);
        }
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        header.putInt(RecordCodec.MAGIC).putInt(RecordCodec.VERSION).flip();
        long pos = 0;
        while (header.hasRemaining()) {
            pos += ch.write(header, pos);
        }
        ch.force(true);
        AtomicFiles.forceDirectory(file.toAbsolutePath().getParent());
        ch.position(FILE_HEADER_BYTES);
    }

    private static void checkHeader(Path file, FileChannel ch) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        while (header.hasRemaining()) {
            if (ch.read(header, header.position()) < 0) {
                throw new StorageException("Unexpected end of " + file + " in the file header");
            }
        }
        int magic = header.getInt(0);
        int version = header.getInt(4);
        if (magic != RecordCodec.MAGIC) {
            throw new StorageException("Not a shape log: " + file + " at position 0 has magic 0x"
                    + Integer.toHexString(magic) + ", expected 0x"
                    + Integer.toHexString(RecordCodec.MAGIC));
        }
        if (version != RecordCodec.VERSION) {
            throw new StorageException("Unsupported shape log version " + version + " in " + file
                    + " at position 4 (supported: " + RecordCodec.VERSION + ")");
        }
    }
}
