package io.shapesync.storage;

import static io.shapesync.storage.RecordCodec.CHUNK_END;
import static io.shapesync.storage.RecordCodec.COMMIT;
import static io.shapesync.storage.RecordCodec.RECORD_HEADER_BYTES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The log of one shape in one file (see {@link RecordCodec} for the layout).
 *
 * <p>One writer thread at a time appends, commits and closes chunks; {@link #force()} may run on another thread
 * meanwhile (the file channel allows it); any number of reader
 * threads read lock-free up to the published end. {@link #commit()} writes a commit marker and
 * publishes; records appended after the last commit are cut on open, so readers never see half a
 * transaction, not even after a crash. Chunk boundaries are stored as marker records and so never
 * move, whatever threshold a later open uses.
 *
 * <p>A compaction ({@link #beginRewrite}) writes the log's next generation, a new file that
 * replaces this one when {@link LogRewrite#install() installed}; see {@link LogGenerations} for
 * the file names.
 */
public final class FileShapeLog implements AutoCloseable {

    /** Sink for {@link #read}; the payload buffer is valid only during the call. */
    public interface RecordSink {
        void accept(LogOffset offset, ByteBuffer payload) throws IOException;
    }

    /** The file of generation 0 (the single segment for now). */
    static final String SEGMENT_FILE = "00000000000000000000_00000000000000000000.log";
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int DRAIN_BUFFER_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(FileShapeLog.class.getName());

    // Changes once, when an unfinished generation is installed (before any reader sees it)
    private volatile Path file;
    private final long generation;
    private final long chunkBytesThreshold;
    private final FileHandles pool;
    private final FileHandles.Handle writeHandle;
    private final ReadChannel readChannel;
    private final LogState state = new LogState();
    private volatile boolean closed;
    private volatile long replacedBy = -1;
    // Writer only: reused on every append
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_BYTES);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private final CRC32C crc = new CRC32C();
    // Writer only: the channel whose position is channelEnd (the pool may close it, and a reopened one starts at 0),
    // and the end of the bytes written to the file (a rewrite applies copied records to the state before writing them)
    private FileChannel positioned;
    private long channelEnd;
    // Writer only: records not yet written to the file (bulk loads: see bufferAppends); flushed before publishing
    private ByteBuffer out;
    private boolean failed;
    // Journal mode (see attach): committed transactions go to the shared journal; the file gets them at a drain
    private volatile Journal journal;
    private byte[] journalId;
    private final LogTail tail = new LogTail();
    private final Object drainLock = new Object();
    private final PositionalReader reader = this::readAt;
    // Writer only, journal mode: the open transaction's records, from file position stageStart on
    private byte[] stage;
    private int staged;
    private long stageStart;
    // Writer only, journal mode: the open transaction outgrew STAGE_MAX_BYTES and is written to the file directly
    private boolean spilled;
    private volatile boolean fileUnforced;
    // Writer only: in the journal's set of logs (see Journal#logs)
    boolean tracked;

    /** A transaction staged for the journal beyond this size is written to the file directly instead. */
    static final int STAGE_MAX_BYTES = 1 << 20;

    private FileShapeLog(FileHandles pool, Path file, long generation, long chunkBytesThreshold,
            StandardOpenOption create) {
        this.file = file;
        this.generation = generation;
        this.chunkBytesThreshold = chunkBytesThreshold;
        this.pool = pool;
        this.writeHandle = pool.handle(file,
                new OpenOption[] {create, StandardOpenOption.READ, StandardOpenOption.WRITE},
                new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE});
        this.readChannel = new ReadChannel(pool, file);
    }

    /**
     * Opens the log in {@code dir}, creating the directory and file (generation 0) if missing.
     * The highest generation present is opened; unfinished rewrites ({@code *.log.tmp}) and lower
     * generations are deleted (logged). An existing file is cut back to its last intact commit;
     * the number of bytes cut is logged.
     *
     * @param chunkBytesThreshold payload bytes after which a log chunk (tx &gt; 0) closes
     */
    public static FileShapeLog open(Path dir, long chunkBytesThreshold) {
        return open(dir, chunkBytesThreshold, FileHandles.shared());
    }

    /** {@link #open(Path, long)} with the file handles of {@code pool}. */
    public static FileShapeLog open(Path dir, long chunkBytesThreshold, FileHandles pool) {
        checkThreshold(chunkBytesThreshold);
        Path file = dir.resolve(SEGMENT_FILE);
        try {
            Files.createDirectories(dir);
            long generation = LogGenerations.prepare(dir);
            file = LogGenerations.file(dir, generation);
            FileShapeLog log = openFile(pool, file, generation, chunkBytesThreshold,
                    StandardOpenOption.CREATE);
            try {
                LogGenerations.deleteBelow(dir, generation);
            } catch (IOException e) {
                closeAfterFailure(log, e);
                throw e;
            }
            return log;
        } catch (IOException e) {
            throw new StorageException("Cannot open shape log " + file + ": " + e, e);
        }
    }

    /**
     * Creates the file of an unfinished generation (must not exist) with a file header, open for
     * appends: the target of a {@link LogRewrite}.
     */
    static FileShapeLog create(FileHandles pool, Path file, long generation, long chunkBytesThreshold) {
        return openFile(pool, file, generation, chunkBytesThreshold, StandardOpenOption.CREATE_NEW);
    }

    private static FileShapeLog openFile(FileHandles pool, Path file, long generation, long chunkBytesThreshold,
            StandardOpenOption create) {
        FileShapeLog log = null;
        try {
            log = new FileShapeLog(pool, file, generation, chunkBytesThreshold, create);
            FileChannel ch = log.writeHandle.acquire();
            try {
                LogRecovery.recover(file, ch, log.readChannel, log.state);
                log.positioned = ch;
                log.channelEnd = log.state.writePos();
            } finally {
                log.writeHandle.release();
            }
            return log;
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                closeAfterFailure(log, e);
            }
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("Cannot open shape log " + file + ": " + e, e);
        }
    }

    private static void checkThreshold(long chunkBytesThreshold) {
        if (chunkBytesThreshold <= 0) {
            throw new IllegalArgumentException("chunkBytesThreshold must be > 0, was "
                    + chunkBytesThreshold);
        }
    }

    // ---------------------------------------------------------------- journal

    /**
     * Sends this log's later transactions to {@code journal} (see {@link Journal}): a commit becomes one frame there
     * and is visible to readers once the journal writes it out; the file receives the records at {@link #drainTail}.
     * Writer thread, between transactions; a no-op if attached already.
     */
    public void attach(Journal journal) {
        Objects.requireNonNull(journal, "journal");
        if (this.journal == journal) {
            return;
        }
        checkWritable();
        if (this.journal != null || state.pending() || out != null) {
            throw new IllegalStateException("Cannot attach " + file + " to the journal: "
                    + (this.journal != null ? "attached to another" : "records are pending"));
        }
        journalId = file.toAbsolutePath().getParent().getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.journal = journal;
    }

    /**
     * Replays one journal frame on open (before the log is used): its records go to the state and its bytes stay in
     * the journal as this log's tail. Frames of an earlier generation and bytes the file holds already are skipped.
     * Returns false when the frame cannot follow the log (a gap or an inconsistent record): the log is damaged.
     */
    boolean recoverFrame(Journal journal, long frameGeneration, long filePos, long journalPos, ByteBuffer records) {
        if (frameGeneration < generation) {
            return true;
        }
        String where = "journal frame for " + file + " at file position " + filePos;
        if (frameGeneration > generation) {
            LOG.warning(where + " is of generation " + frameGeneration + ", newer than the file's " + generation);
            return false;
        }
        attach(journal);
        long w = state.writePos();
        long end = filePos + records.remaining();
        if (end <= w) {
            return true;
        }
        if (filePos > w) {
            LOG.warning(where + " leaves a gap after the log's end " + w);
            return false;
        }
        PositionalReader frame = (dst, p) -> {
            int at = (int) (p - filePos);
            int n = Math.min(dst.remaining(), records.limit() - at);
            if (n <= 0) {
                return -1;
            }
            dst.put(records.slice(at, n));
            return n;
        };
        RecordCursor cursor = new RecordCursor(frame, file, w, end, (int) Math.min(READ_BUFFER_BYTES, end - w));
        try {
            for (RecordCursor.Kind kind = cursor.next(); kind != RecordCursor.Kind.END; kind = cursor.next()) {
                String violation = kind == RecordCursor.Kind.BAD ? cursor.describeProblem()
                        : LogRecovery.apply(state, kind, cursor.offset(), cursor.recordPosition(), cursor.position(),
                                cursor.payloadLength());
                if (violation != null) {
                    LOG.warning(where + ": " + violation);
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, where + " cannot be replayed", e);
            return false;
        }
        if (state.pending()) {
            LOG.warning(where + " does not end with a commit");
            return false;
        }
        tail.add(w, journalPos + (w - filePos), end);
        return true;
    }

    /**
     * Copies the tail's records that the journal has written out into the file, in one pass (a checkpoint; any
     * thread, also while the writer appends). Does not force the file: the caller syncs before the journal's
     * segments go. Returns the bytes copied.
     */
    public long drainTail() {
        Journal j = journal;
        if (j == null) {
            return 0;
        }
        synchronized (drainLock) {
            if (closed) {
                return 0;
            }
            long[] e = tail.entriesWrittenBelow(j.written());
            if (e.length == 0) {
                return 0;
            }
            long from = e[0];
            long to = e[e.length - 1];
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(to - from, DRAIN_BUFFER_BYTES));
            long filePos = from;
            try {
                FileChannel ch = writeHandle.acquire();
                try {
                    for (int i = 0; i + 1 < e.length; i += 2) {
                        for (long p = e[i]; p < e[i + 2];) {
                            if (!buf.hasRemaining()) {
                                filePos = writeOutAt(ch, buf, filePos);
                            }
                            int n = (int) Math.min(buf.remaining(), e[i + 2] - p);
                            long jpos = e[i + 1] + (p - e[i]);
                            if (!j.copy(buf, jpos, n)) {
                                throw new IOException("journal position " + jpos + " is gone");
                            }
                            p += n;
                        }
                    }
                    filePos = writeOutAt(ch, buf, filePos);
                } finally {
                    writeHandle.release();
                }
            } catch (IOException ex) {
                throw new StorageException("Cannot copy the journal's records of " + file + " into it at position "
                        + filePos + ": " + ex, ex);
            }
            tail.dropBelow(to);
            return to - from;
        }
    }

    /** Writes {@code buf}'s filled part at {@code pos} and empties it; returns the position after it. */
    private static long writeOutAt(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
        buf.clear();
        return pos;
    }

    /**
     * Reads what the next append and commit read, and returns a value made of it (see the caller, the registry's
     * replication path: touching many logs' state in one pass lets their cache misses overlap). No other effect.
     * Writer thread.
     */
    public long warm() {
        byte[] id = journalId;
        return state.warm() ^ tail.warm() ^ (id == null ? 0 : id.length) ^ staged;
    }

    /** Journal position of the first record this log still reads from the journal; -1 when none. */
    long tailJournalStart() {
        return tail.journalStart();
    }

    /** The journal wrote this log's staged commits out: readers may see them. Writer thread. */
    void publishStaged() {
        state.publishCommitted();
    }

    /** Whether {@link #force()} has anything to do (attached to a journal, only after a large transaction). */
    public boolean needsForce() {
        return journal == null || fileUnforced;
    }

    /** Forces the file (a checkpoint that could not sync the whole file system). */
    public void forceFile() {
        checkOpen();
        try {
            forceChannel(false);
        } catch (IOException e) {
            throw new StorageException("Cannot force " + file + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- writer

    /**
     * Appends a record; it is written to the file but invisible to readers until
     * {@link #commit()}.
     *
     * @throws IllegalArgumentException if the offset is {@code -1}, below the last appended one,
     *         or not above a closed chunk boundary
     */
    public void append(LogOffset offset, byte[] payload) {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(payload, "payload");
        checkWritable();
        String violation = state.appendViolation(offset);
        if (violation != null) {
            throw new IllegalArgumentException("Cannot append to " + file + ": " + violation);
        }
        if (payload.length > RecordCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("Payload of " + payload.length
                    + " bytes at " + offset + " is too large for " + file);
        }
        long pos = state.writePos();
        writeRecord(payload.length, offset, payload);
        state.onData(offset, pos, payload.length);
        if (offset.tx() > 0 && state.chunkBytes() >= chunkBytesThreshold) {
            writeRecord(CHUNK_END, offset, null);
            state.onBoundary(offset);
        }
    }

    /**
     * Drops the records appended since the last commit (a transaction cut short by a lost connection, to be
     * replayed from its start). Readers never saw them.
     */
    public void discardUncommitted() {
        checkWritable();
        if (!state.pending()) {
            return;
        }
        state.rollBackToCommitted();
        if (out != null) {
            out.clear();
        }
        staged = 0;
        stage = null;
        if (journal != null && !spilled) {
            return;
        }
        spilled = false;
        try {
            FileChannel ch = acquireForWrite();
            try {
                ch.truncate(state.writePos());
                ch.position(state.writePos());
                channelEnd = state.writePos();
            } finally {
                writeHandle.release();
            }
        } catch (IOException e) {
            failed = true;
            throw new StorageException("Cannot drop the uncommitted tail of " + file + ": " + e, e);
        }
    }

    /** Publishes everything appended so far to readers; a no-op if nothing is pending. */
    public void commit() {
        checkWritable();
        if (!state.pending()) {
            return;
        }
        writeRecord(COMMIT, state.lastAppended(), null);
        if (journal != null && !spilled) {
            long at = journal.append(this, journalId, generation, stageStart, stage, staged);
            tail.add(stageStart, at, stageStart + staged);
            staged = 0;
            stage = null;
            state.onCommit(false);
            return;
        }
        flushAppends();
        if (spilled) {
            spilled = false;
            fileUnforced = true;
        }
        state.onCommit();
    }

    /**
     * Collects appended records in a buffer of {@code bytes} and writes them with one call when it is full, at
     * {@link #commit()} and at {@link #closeChunk()}: for a bulk load (a snapshot) of many small records. Readers
     * and {@link #force()} see nothing new before a commit either way. Writer thread; ends with {@link #stopBuffering()}.
     */
    public void bufferAppends(int bytes) {
        checkWritable();
        if (journal != null) {
            throw new IllegalStateException("Cannot buffer appends to " + file + ": it writes to the journal");
        }
        if (out == null) {
            out = ByteBuffer.allocate(bytes);
        }
    }

    /** Writes what {@link #bufferAppends} collected and appends unbuffered again. */
    public void stopBuffering() {
        if (out != null && !closed && !failed) {
            flushAppends();
        }
        out = null;
    }

    /**
     * Closes the current chunk at the last appended offset; a no-op if a chunk already ends
     * there. Visible with the next commit, or at once if everything appended is committed.
     */
    public void closeChunk() {
        checkWritable();
        LogOffset last = state.lastAppended();
        if (last == null) {
            throw new IllegalStateException("Cannot close a chunk of empty shape log " + file);
        }
        if (state.endsChunk(last)) {
            return;
        }
        if (journal != null) {
            throw new IllegalStateException("Cannot close a chunk of " + file + " outside a transaction: it writes to the journal");
        }
        writeRecord(CHUNK_END, last, null);
        flushAppends();
        state.onBoundary(last);
    }

    /**
     * Forces the written records to disk (the caller batches this: group commit). Attached to a journal, only what
     * went to the file directly (a transaction too big to stage) is forced: the journal forces the rest.
     */
    public void force() {
        checkUsable();
        if (journal != null) {
            if (!fileUnforced) {
                return;
            }
            fileUnforced = false;
        }
        try {
            forceChannel(false);
        } catch (IOException e) {
            failed = true;
            throw new StorageException("Cannot force " + file + " (written up to position "
                    + state.writePos() + "): " + e, e);
        }
    }

    // ---------------------------------------------------------------- readers

    /** Offset of the last committed record, or {@link LogOffset#BEFORE_ALL} if there is none. */
    public LogOffset latestOffset() {
        return state.published().latest();
    }

    /** The writer's view of {@link #latestOffset()}: also a commit the journal has not written out yet. */
    public LogOffset lastCommitted() {
        return state.committed().latest();
    }

    /**
     * The smallest closed chunk boundary strictly above {@code offset}, or the latest offset if
     * no closed chunk ends above it (the open chunk).
     */
    public LogOffset chunkEndAfter(LogOffset offset) {
        return state.chunkEndAfter(offset);
    }

    /**
     * Streams every committed record with {@code after < offset <= upTo}, in order, one call of
     * the sink per record.
     *
     * @throws StorageException on I/O errors or corrupt records (with file and position)
     * @throws UncheckedIOException wrapping an {@link IOException} thrown by the sink
     */
    public void read(LogOffset after, LogOffset upTo, RecordSink sink) {
        LogState.Published p = state.published();
        if (upTo.compareTo(after) <= 0 || after.compareTo(p.latest()) >= 0) {
            return;
        }
        long start = state.readStart(after, p);
        int bufferBytes = (int) Math.min(READ_BUFFER_BYTES, p.end() - start);
        RecordCursor cursor = new RecordCursor(reader, file, start, p.end(), bufferBytes);
        try {
            for (RecordCursor.Kind kind = cursor.next(); kind != RecordCursor.Kind.END;
                    kind = cursor.next()) {
                if (kind == RecordCursor.Kind.BAD) {
                    throw new StorageException("Corrupt record in " + cursor.describeProblem());
                }
                if (kind != RecordCursor.Kind.DATA || compare(cursor, after) <= 0) {
                    continue;
                }
                if (compare(cursor, upTo) > 0) {
                    return;
                }
                deliver(sink, cursor);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read " + file + " at position "
                    + cursor.recordPosition() + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- compaction

    /**
     * The highest offset a compaction may cut at, not above {@code limit}: a closed chunk boundary {@code B} with
     * {@code B.tx() > 0}, committed, and strictly below {@link #latestOffset()} (so the latest offset survives a
     * rewrite). {@code B} may fall inside a transaction: clients can hold such a chunk end already. Null if none.
     */
    public LogOffset compactionPoint(LogOffset limit) {
        Objects.requireNonNull(limit, "limit");
        return state.compactionPoint(limit, state.published());
    }

    /**
     * Starts writing this log's next generation: see {@link LogRewrite}. {@code cut} must be a
     * {@link #compactionPoint}.
     *
     * @throws IllegalArgumentException if {@code cut} is not a compaction point
     * @throws IllegalStateException if this log is closed or already replaced
     * @throws StorageException if the new file cannot be created (also when another rewrite of
     *         this log is in progress)
     */
    public LogRewrite beginRewrite(LogOffset cut) {
        Objects.requireNonNull(cut, "cut");
        checkOpen();
        checkNotReplaced();
        LogState.Published p = state.published();
        LogOffset point = state.compactionPoint(cut, p);
        if (!cut.equals(point)) {
            throw new IllegalArgumentException("Cannot rewrite " + file + " at " + cut
                    + ": not a compaction point (latest offset " + p.latest()
                    + ", highest compaction point not above it: " + point + ")");
        }
        return LogRewrite.begin(this, cut, state.compactionPointPosition(cut, p));
    }

    /** Whether records were appended since the last commit (a transaction in progress). Writer thread only. */
    public boolean hasUncommitted() {
        return state.pending() || state.commitUnpublished();
    }

    /**
     * Deletes this generation's file after {@link #close()} (a replaced generation); a missing
     * file is not an error.
     *
     * @throws IllegalStateException if the log is still open
     */
    public void deleteFile() {
        Path f = file;
        if (!closed) {
            throw new IllegalStateException("Cannot delete " + f + ": the shape log is open");
        }
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new StorageException("Cannot delete replaced shape log " + f + ": " + e, e);
        }
    }

    /** Bytes of the committed part of the file, header included. */
    public long sizeBytes() {
        return state.published().end();
    }

    /** Closes the file handles. Does not force: call {@link #force()} first if needed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Journal j = journal;
        if (j != null) {
            j.forget(this);
        }
        synchronized (drainLock) {
            // a drain in progress ends before the handles close
        }
        try (FileHandles.Handle w = writeHandle; ReadChannel r = readChannel) {
            // both closed by try-with-resources
        } catch (IOException e) {
            throw new StorageException("Cannot close " + file + ": " + e, e);
        }
    }

    /** Deletes the log's files and directory; a missing directory is not an error. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot delete shape log directory " + dir + ": " + e, e);
        }
    }

    /** Number of published sparse-index entries (tests and diagnostics). */
    int indexEntries() {
        return state.published().indexCount();
    }

    /** This log's generation: 0 for a log never compacted, one more per installed rewrite. */
    long generation() {
        return generation;
    }

    Path file() {
        return file;
    }

    long chunkBytesThreshold() {
        return chunkBytesThreshold;
    }

    LogState state() {
        return state;
    }

    /** The log's bytes by position: the file, and the tail in the journal. */
    PositionalReader reader() {
        return reader;
    }

    FileHandles pool() {
        return pool;
    }

    /**
     * Rewrite only, writer: writes whole records copied from the previous generation at the end
     * of the file; the caller has applied them to {@link #state()} already.
     */
    void writeCopied(ByteBuffer records) {
        checkWritable();
        flushAppends();
        writeAtEnd(records, "copied records");
    }

    /** Rewrite only: forces data and metadata (the file's length) before it is renamed. */
    void forceAll() {
        checkWritable();
        try {
            forceChannel(true);
        } catch (IOException e) {
            failed = true;
            throw new StorageException("Cannot force " + file + ": " + e, e);
        }
    }

    /** Rewrite only: the unfinished file was renamed to {@code installed}. */
    void renamedTo(Path installed) {
        file = installed;
        writeHandle.moveTo(installed);
        readChannel.moveTo(installed);
    }

    /**
     * Rewrite only: generation {@code next} replaced this one. Reads go on; writes are refused,
     * since they would not reach the new generation.
     */
    void replacedBy(long next) {
        replacedBy = next;  // stays in the journal's logs until closed: responses may read its tail meanwhile
    }

    private void writeRecord(int length, LogOffset offset, byte[] payload) {
        int body = Math.max(length, 0);
        if (journal != null && !spilled && staged + RECORD_HEADER_BYTES + body <= STAGE_MAX_BYTES) {
            stageRecord(length, offset, payload, body);
            return;
        }
        header.clear();
        RecordCodec.putHeader(crc, header.array(), 0, length, offset.tx(), offset.op(), payload, 0, body);
        if (journal != null && !spilled) {
            spill();
        }
        if (out != null) {
            if (out.remaining() < RECORD_HEADER_BYTES + body) {
                flushAppends();
            }
            if (out.remaining() >= RECORD_HEADER_BYTES + body) {
                out.put(header);
                if (payload != null) {
                    out.put(payload, 0, body);
                }
                state.setWritePos(state.writePos() + RECORD_HEADER_BYTES + body);
                return;
            }
        }
        gather[0] = header;
        gather[1] = payload == null ? null : ByteBuffer.wrap(payload);
        int count = payload == null ? 1 : 2;
        try {
            FileChannel ch = acquireForWrite();
            try {
                long left = RECORD_HEADER_BYTES + (long) body;
                while (left > 0) {
                    long n = ch.write(gather, 0, count);
                    left -= n;
                    channelEnd += n;
                }
            } finally {
                writeHandle.release();
            }
        } catch (IOException e) {
            failed = true;
            throw new StorageException("Cannot append " + RecordCodec.kindName(length) + " at "
                    + offset + " to " + file + " at position " + state.writePos() + ": " + e, e);
        } finally {
            gather[1] = null;
        }
        state.setWritePos(state.writePos() + RECORD_HEADER_BYTES + body);
    }

    /**
     * Journal mode: adds a record to the open transaction's stage, its header written in place (the same bytes as
     * {@link #header} would hold; a fresh checksum object instead of this log's: the replication thread then touches
     * no per-log buffer or checksum state, which are cold with 100 000 logs).
     */
    private void stageRecord(int length, LogOffset offset, byte[] payload, int body) {
        int size = RECORD_HEADER_BYTES + body;
        if (staged == 0) {
            stageStart = state.writePos();
        }
        if (stage == null || stage.length - staged < size) {
            // a fresh stage has room for the commit marker too: one array per small transaction, not two
            int capacity = stage == null ? Math.min(STAGE_MAX_BYTES, Math.max(256, size + RECORD_HEADER_BYTES))
                    : Math.max(size + staged, Math.min(STAGE_MAX_BYTES, stage.length * 2));
            stage = stage == null ? new byte[capacity] : java.util.Arrays.copyOf(stage, capacity);
        }
        if (body > 0) {
            System.arraycopy(payload, 0, stage, staged + RECORD_HEADER_BYTES, body);
        }
        RecordCodec.putHeader(new CRC32C(), stage, staged, length, offset.tx(), offset.op(), stage,
                staged + RECORD_HEADER_BYTES, body);
        staged += size;
        state.setWritePos(state.writePos() + size);
    }

    /**
     * Journal mode: the open transaction is too big to stage. The journal is written out and this log's tail drained
     * into the file, which then ends where the transaction starts; the staged records are written there and the rest
     * of the transaction goes to the file directly.
     */
    private void spill() {
        journal.writeOut();
        drainTail();
        if (!tail.isEmpty()) {
            throw new IllegalStateException("Cannot spill a transaction of " + file + ": the journal's records remain");
        }
        channelEnd = staged == 0 ? state.writePos() : stageStart;
        positioned = null;
        spilled = true;
        if (staged > 0) {
            if (out != null) {
                throw new IllegalStateException("Cannot spill into " + file + " while appends are buffered");
            }
            writeAtEnd(ByteBuffer.wrap(stage, 0, staged), "a large transaction's records");
        }
        staged = 0;
        stage = null;
    }

    /** Positional read of the log's bytes: from the tail in the journal where it holds them, else from the file. */
    private int readAt(ByteBuffer dst, long pos) throws IOException {
        long[] at = null;
        for (int attempt = 0;; attempt++) {
            if (journal != null) {
                if (at == null) {
                    at = new long[2];
                }
                if (tail.locate(pos, at)) {
                    int limit = dst.limit();
                    dst.limit((int) Math.min(limit, dst.position() + at[1]));
                    int n;
                    try {
                        n = journal.read(dst, at[0]);
                    } finally {
                        dst.limit(limit);
                    }
                    if (n >= 0) {
                        return n;
                    }
                    if (attempt >= 3) {
                        throw new IOException("journal position " + at[0] + " of " + file + " position " + pos
                                + " is gone");
                    }
                    continue;  // drained and reclaimed meanwhile: the file has it now
                }
                long start = tail.start();
                if (start > pos && dst.remaining() > start - pos) {
                    int limit = dst.limit();
                    dst.limit((int) (dst.position() + (start - pos)));
                    try {
                        return readChannel.read(dst, pos);
                    } finally {
                        dst.limit(limit);
                    }
                }
            }
            return readChannel.read(dst, pos);
        }
    }

    /** Writes the buffered records (see {@link #bufferAppends}); a no-op when nothing is buffered. */
    private void flushAppends() {
        if (out == null || out.position() == 0) {
            return;
        }
        out.flip();
        try {
            writeAtEnd(out, "buffered records");
        } finally {
            out.clear();
        }
    }

    private void forceChannel(boolean metaData) throws IOException {
        FileChannel ch = writeHandle.acquire();
        try {
            ch.force(metaData);
        } finally {
            writeHandle.release();
        }
    }

    /** Writes all of {@code records} at the end of the written bytes; a failure marks the log failed. */
    private void writeAtEnd(ByteBuffer records, String what) {
        try {
            FileChannel ch = acquireForWrite();
            try {
                while (records.hasRemaining()) {
                    channelEnd += ch.write(records);
                }
            } finally {
                writeHandle.release();
            }
        } catch (IOException e) {
            failed = true;
            throw new StorageException("Cannot write " + what + " to " + file + " at position " + channelEnd + ": " + e, e);
        }
    }

    /** The write channel at the end of the written bytes (a reopened channel is moved there); pair with release. */
    private FileChannel acquireForWrite() throws IOException {
        FileChannel ch = writeHandle.acquire();
        if (ch != positioned) {
            try {
                ch.position(channelEnd);
            } catch (IOException | RuntimeException e) {
                writeHandle.release();
                throw e;
            }
            positioned = ch;
        }
        return ch;
    }

    private void checkWritable() {
        checkNotReplaced();
        checkUsable();
    }

    private void checkUsable() {
        checkOpen();
        if (failed) {
            throw new StorageException("Shape log " + file + " failed earlier at position "
                    + state.writePos() + "; reopen it to recover");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Shape log " + file + " is closed");
        }
    }

    private void checkNotReplaced() {
        long next = replacedBy;
        if (next >= 0) {
            throw new IllegalStateException("Shape log " + file + " was replaced by generation "
                    + next + "; write to the new generation");
        }
    }

    private static int compare(RecordCursor c, LogOffset o) {
        int r = Long.compare(c.tx(), o.tx());
        return r != 0 ? r : Long.compare(c.op(), o.op());
    }

    private static void deliver(RecordSink sink, RecordCursor cursor) {
        try {
            sink.accept(cursor.offset(), cursor.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("Record sink failed at " + cursor.offset(), e);
        }
    }

    private static void closeAfterFailure(FileShapeLog log, Exception primary) {
        try {
            log.close();
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
