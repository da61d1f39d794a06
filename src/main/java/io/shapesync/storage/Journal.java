package io.shapesync.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * One append-only file sequence shared by every live shape log: the replication thread writes each shape's committed
 * transaction here as one frame, so a stream of small transactions spread over many shapes costs one sequential write
 * and one fsync per batch instead of a write and a dirty file per shape. The frame's bytes are exactly the records the
 * shape's own file would hold at that position; a log reads them from here until a checkpoint
 * ({@link FileShapeLog#drainTail}) has copied them into its file, in bulk, and the segment is deleted.
 *
 * <pre>
 * segment file : magic (int "SSJN") | version (int) | start (long: the global position of byte 0)
 * frame        : length (int: bytes after crc) | CRC32C (int, of those bytes) | generation (long) | file position (long)
 *                | id length (short) | id (UTF-8: the shape log's directory) | records
 * </pre>
 *
 * Positions are global (a segment's start plus the offset in its file) and only grow. A segment ends where the next
 * frame did not fit; on open, every segment is scanned up to its first bad frame, the frames replayed into their logs
 * ({@link FileShapeLog#recoverFrame}), and writing goes on in a new segment.
 *
 * <p>Threads: one writer ({@link #append}, {@link #writeOut}); {@link #force} on the flusher thread; {@link #read}
 * from any thread; {@link #reclaimBelow} on the checkpoint thread.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    static final int MAGIC = 0x53534A4E;
    static final int VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 16;
    static final int FRAME_HEADER_BYTES = 4 + 4 + 8 + 8 + 2;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final String SUFFIX = ".jnl";

    private final Path dir;
    private final long segmentBytes;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final Set<FileShapeLog> logs = ConcurrentHashMap.newKeySet();
    // Writer only
    private Segment current;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long bufferStart;
    private final List<FileShapeLog> unpublished = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
    private volatile long written;
    private volatile boolean closed;
    private volatile String failed;  // why the journal refuses writes (see write)

    private static final class Segment {
        final long start;
        final Path file;
        final FileChannel channel;  // the writer's and the flusher's
        volatile long end;  // global position after the last byte written
        volatile boolean dirty;
        // Readers' own channel: an interrupted reader closes it, and the next read opens another
        private FileChannel reader;
        private volatile boolean reclaimed;

        Segment(long start, Path file, FileChannel channel, long end) {
            this.start = start;
            this.file = file;
            this.channel = channel;
            this.end = end;
        }

        /** Positional read for any reader; -1 once reclaimed. */
        int read(ByteBuffer dst, long filePos) throws IOException {
            for (int attempt = 0;; attempt++) {
                FileChannel ch;
                synchronized (this) {
                    if (reclaimed) return -1;
                    if (reader == null || !reader.isOpen()) reader = FileChannel.open(file, StandardOpenOption.READ);
                    ch = reader;
                }
                try {
                    return ch.read(dst, filePos);
                } catch (java.nio.channels.ClosedByInterruptException e) {
                    throw e;  // this reader was interrupted; the next read reopens
                } catch (ClosedChannelException e) {
                    if (attempt >= 3) throw e;  // another reader's interrupt closed it, or it was reclaimed
                }
            }
        }

        synchronized void closeReader() throws IOException {
            reclaimed = true;
            map = null;
            if (reader != null) reader.close();
        }

        // The segment's written bytes mapped for checkpoints, remapped when they grew (released by the GC)
        private java.nio.MappedByteBuffer map;

        /** Copies {@code length} bytes at {@code filePos} into {@code dst} through a read-only mapping; false once reclaimed. */
        boolean copy(ByteBuffer dst, long filePos, int length) throws IOException {
            java.nio.MappedByteBuffer m;
            synchronized (this) {
                if (reclaimed) return false;
                long size = end - start;
                if (filePos + length > size) return false;
                if (map == null || filePos + length > map.capacity()) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                        map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                    }
                }
                m = map;
            }
            dst.put(dst.position(), m, (int) filePos, length);
            dst.position(dst.position() + length);
            return true;
        }
    }

    private Journal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens the journal in {@code dir} (created if missing): replays every intact frame into the log that
     * {@code logs} returns for its id (null: the shape is gone, the frame is skipped), then starts a new segment.
     *
     * @param damaged told the id of a log that refused a frame (a gap or a bad record: the shape must be dropped)
     */
    public static Journal open(Path dir, long segmentBytes, Function<String, FileShapeLog> logs, Consumer<String> damaged) {
        if (segmentBytes < 4096) throw new IllegalArgumentException("segmentBytes must be >= 4096, was " + segmentBytes);
        Journal j = new Journal(dir, segmentBytes);
        try {
            Files.createDirectories(dir);
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            long next = 0;
            Set<String> refused = new java.util.HashSet<>();
            for (Path f : files) {
                Segment s = j.recover(f, logs, refused);
                if (s == null) continue;
                j.segments.put(s.start, s);
                next = Math.max(next, s.end);
            }
            refused.forEach(damaged);
            j.startSegment(next);
            return j;
        } catch (IOException e) {
            j.close();
            throw new StorageException("Cannot open the journal in " + dir + ": " + e, e);
        }
    }

    /** Replays one segment's intact frames; null for a file without a valid header (deleted). */
    private Segment recover(Path f, Function<String, FileShapeLog> logs, Set<String> refused) throws IOException {
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
        ByteBuffer head = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
            // read the header
        }
        head.flip();
        if (head.remaining() < SEGMENT_HEADER_BYTES || head.getInt() != MAGIC || head.getInt() != VERSION) {
            ch.close();
            LOG.warning(() -> "Removing journal segment " + f + " without a valid header");
            Files.deleteIfExists(f);
            return null;
        }
        long start = head.getLong();
        long size = ch.size();
        long pos = SEGMENT_HEADER_BYTES;
        int frames = 0;
        int forLogs = 0;
        ByteBuffer frame = ByteBuffer.allocate(64 * 1024);
        ByteBuffer h = ByteBuffer.allocate(8);
        while (pos + FRAME_HEADER_BYTES <= size) {
            h.clear();
            readFully(ch, h, pos);
            h.flip();
            int length = h.getInt();
            int expected = h.getInt();
            if (length < FRAME_HEADER_BYTES - 8 || pos + 8 + length > size) break;
            if (frame.capacity() < length) frame = ByteBuffer.allocate(length);
            frame.clear().limit(length);
            readFully(ch, frame, pos + 8);
            frame.flip();
            crc.reset();
            crc.update(frame.array(), 0, length);
            if ((int) crc.getValue() != expected) break;
            long generation = frame.getLong();
            long filePos = frame.getLong();
            int idLength = frame.getShort() & 0xFFFF;
            if (idLength > frame.remaining()) break;
            String id = new String(frame.array(), frame.position(), idLength, StandardCharsets.UTF_8);
            frame.position(frame.position() + idLength);
            long recordsAt = start + pos + 8 + frame.position();
            FileShapeLog log = refused.contains(id) ? null : logs.apply(id);
            if (log != null) {
                forLogs++;
                if (log.recoverFrame(this, generation, filePos, recordsAt, frame.slice())) {
                    log.tracked = true;
                    this.logs.add(log);
                }
                else refused.add(id);
            }
            pos += 8 + length;
            frames++;
        }
        long end = start + pos;
        int n = frames;
        int matched = forLogs;
        long cut = size - pos;
        LOG.log(Level.INFO, () -> "Journal segment " + f + ": " + n + " frames read, " + matched + " of them for open shape logs"
                + (cut > 0 ? ", " + cut + " bytes after the last intact frame ignored" : ""));
        return new Segment(start, f, ch, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) throw new IOException("unexpected end of journal segment at " + pos);
            pos += n;
        }
    }

    private void startSegment(long start) throws IOException {
        Path f = dir.resolve(String.format("%020d", start) + SUFFIX);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer head = ByteBuffer.allocate(SEGMENT_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(start).flip();
        while (head.hasRemaining()) ch.write(head);
        Segment s = new Segment(start, f, ch, start + SEGMENT_HEADER_BYTES);
        s.dirty = true;
        AtomicFiles.forceDirectory(dir);
        segments.put(start, s);
        current = s;
        bufferStart = s.end;
        written = s.end;
    }

    // ---------------------------------------------------------------- writer

    /**
     * Adds a frame with {@code records[0, length)} for {@code log} (readable with {@link #read} once written out,
     * see {@link #writeOut}); the log is published at that write-out. Returns the global position of the records.
     */
    long append(FileShapeLog log, byte[] id, long generation, long filePos, byte[] records, int length) {
        checkOpen();
        int frameBytes = FRAME_HEADER_BYTES + id.length + length;
        if (bufferStart + buffer.position() + frameBytes > current.start + segmentBytes && buffer.position() + current.end
                > current.start + SEGMENT_HEADER_BYTES) {
            writeOut();
            roll();
        }
        if (frameBytes > buffer.remaining()) writeOut();
        long at = bufferStart + buffer.position();
        header.clear();
        header.putInt(frameBytes - 8).putInt(0).putLong(generation).putLong(filePos).putShort((short) id.length);
        crc.reset();
        crc.update(header.array(), 8, FRAME_HEADER_BYTES - 8);
        crc.update(id, 0, id.length);
        crc.update(records, 0, length);
        header.putInt(4, (int) crc.getValue());
        header.flip();
        if (frameBytes > buffer.capacity()) {
            write(new ByteBuffer[] {header, ByteBuffer.wrap(id), ByteBuffer.wrap(records, 0, length)});
        } else {
            buffer.put(header).put(id).put(records, 0, length);
        }
        unpublished.add(log);
        if (!log.tracked) {
            log.tracked = true;
            logs.add(log);
        }
        return at + FRAME_HEADER_BYTES + id.length;
    }

    /** Writes the buffered frames to the current segment, then publishes their logs to readers. Writer thread. */
    public void writeOut() {
        checkOpen();
        if (buffer.position() > 0) {
            buffer.flip();
            try {
                write(new ByteBuffer[] {buffer});
            } catch (StorageException e) {
                buffer.position(buffer.limit()).limit(buffer.capacity());  // kept for the next attempt
                throw e;
            }
            buffer.clear();
        }
        for (FileShapeLog log : unpublished) log.publishStaged();
        unpublished.clear();
    }

    /**
     * Writes at the segment's end. A failed write is cut off again, so that later frames do not follow bytes a
     * recovery would stop at; if even that fails, the journal refuses all further writes (nothing more is
     * acknowledged to Postgres, which keeps the WAL).
     */
    private void write(ByteBuffer[] bufs) {
        int[] positions = new int[bufs.length];
        for (int i = 0; i < bufs.length; i++) positions[i] = bufs[i].position();
        try {
            long n = 0;
            for (ByteBuffer b : bufs) n += b.remaining();
            long left = n;
            while (left > 0) left -= current.channel.write(bufs);
            current.end += n;
            current.dirty = true;
            bufferStart = current.end;
            written = current.end;
        } catch (IOException e) {
            for (int i = 0; i < bufs.length; i++) bufs[i].position(positions[i]);
            try {
                current.channel.truncate(current.end - current.start);
                current.channel.position(current.end - current.start);
            } catch (IOException | RuntimeException undo) {
                failed = e + "; cutting it off failed too: " + undo;
                e.addSuppressed(undo);
            }
            throw new StorageException("Cannot write to journal segment " + current.file + ": " + e, e);
        }
    }

    private void roll() {
        try {
            startSegment(current.end);
        } catch (IOException e) {
            throw new StorageException("Cannot start a journal segment in " + dir + ": " + e, e);
        }
    }

    /** Global position up to which frames are in the segment files (readable). */
    long written() {
        return written;
    }

    // ---------------------------------------------------------------- flusher

    /** Forces every segment written since the last call (the flusher thread, concurrently with writes). */
    public void force() {
        if (failed != null) throw new StorageException("The journal in " + dir + " failed earlier: " + failed);
        for (Segment s : segments.values()) {
            if (!s.dirty) continue;
            s.dirty = false;
            try {
                s.channel.force(false);
            } catch (ClosedChannelException e) {
                // reclaimed meanwhile: its frames were checkpointed and synced
            } catch (IOException e) {
                s.dirty = true;
                throw new StorageException("Cannot force journal segment " + s.file + ": " + e, e);
            }
        }
    }

    // ---------------------------------------------------------------- readers

    /**
     * Reads from global position {@code pos} (written out) into {@code dst}, at most to the end of its segment;
     * -1 if the segment was reclaimed meanwhile (the caller looks again: the bytes are in the log's file by then).
     */
    int read(ByteBuffer dst, long pos) throws IOException {
        Map.Entry<Long, Segment> e = segments.floorEntry(pos);
        if (e == null || pos >= e.getValue().end) return -1;
        Segment s = e.getValue();
        int limit = dst.limit();
        dst.limit((int) Math.min(limit, dst.position() + (s.end - pos)));
        try {
            return s.read(dst, pos - s.start);
        } finally {
            dst.limit(limit);
        }
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * Copies {@code length} written bytes at global position {@code pos} into {@code dst} (a checkpoint: through a
     * mapping of the segment, no system call per run); false if they are not in one segment any more.
     */
    boolean copy(ByteBuffer dst, long pos, int length) throws IOException {
        Map.Entry<Long, Segment> e = segments.floorEntry(pos);
        if (e == null || pos + length > e.getValue().end) return false;
        return e.getValue().copy(dst, pos - e.getValue().start, length);
    }

    /** Logs that have (or had) records here; a checkpoint drains them. */
    public Set<FileShapeLog> logs() {
        return logs;
    }

    /** A log that no longer needs its records here (closed or replaced): not drained, not counted. */
    void forget(FileShapeLog log) {
        logs.remove(log);
    }

    /** Bytes of every segment, the one being written included. */
    public long bytes() {
        long n = 0;
        for (Segment s : segments.values()) n += s.end - s.start;
        return n;
    }

    /**
     * Deletes the segments that end at or below {@code pos} (never the one being written): their frames were copied
     * into the logs' files and those files synced. Returns the number of segments deleted.
     */
    public int reclaimBelow(long pos) {
        int n = 0;
        for (Segment s : segments.values()) {
            if (s == current || s.end > pos) continue;
            segments.remove(s.start, s);
            try {
                s.closeReader();
                s.channel.close();
                Files.deleteIfExists(s.file);
                n++;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot delete journal segment " + s.file, e);
            }
        }
        return n;
    }

    /** The lowest position any log still reads from here, or the write position when none does. */
    public long lowestNeeded() {
        long low = written;
        for (FileShapeLog log : logs) {
            long p = log.tailJournalStart();
            if (p >= 0 && p < low) low = p;
        }
        return low;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("The journal in " + dir + " is closed");
        if (failed != null) throw new StorageException("The journal in " + dir + " failed earlier: " + failed);
    }

    /** Closes the segment files (does not force: {@link #force()} first). */
    @Override
    public void close() {
        closed = true;
        for (Segment s : segments.values()) {
            try {
                s.closeReader();
                s.channel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing " + s.file, e);
            }
        }
    }

    Path dir() {
        return dir;
    }
}
