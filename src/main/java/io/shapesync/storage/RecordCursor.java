package io.shapesync.storage;

import static io.shapesync.storage.RecordCodec.CHUNK_END;
import static io.shapesync.storage.RecordCodec.COMMIT;
import static io.shapesync.storage.RecordCodec.RECORD_HEADER_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Streams the records of a log file between two positions through one reusable buffer, checking
 * each record's length and CRC. Records larger than the buffer get a buffer of their own size.
 * Not thread-safe: one cursor per read.
 */
final class RecordCursor {

    enum Kind { DATA, COMMIT, CHUNK_END, END, BAD }

    private final PositionalReader channel;
    private final Path file;
    private final long end;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf;
    private ByteBuffer payloadView;
    private ByteBuffer recordView;
    private long bufStart;
    private int bufLen;
    private long position;

    private long recordPosition;
    private long tx;
    private long op;
    private int recordAt;
    private int payloadAt;
    private int payloadLength;
    private String problem;

    RecordCursor(PositionalReader channel, Path file, long start, long end, int bufferBytes) {
        this.channel = channel;
        this.file = file;
        this.position = start;
        this.end = end;
        this.buf = ByteBuffer.allocate(bufferBytes);
    }

    /** Advances to the next record; on {@link Kind#BAD} the position stays at the bad record. */
    Kind next() throws IOException {
        recordPosition = position;
        long remaining = end - position;
        if (remaining == 0) {
            return Kind.END;
        }
        if (remaining < RECORD_HEADER_BYTES) {
            return bad("partial record header (" + remaining + " bytes)");
        }
        int at = load(RECORD_HEADER_BYTES);
        int length = buf.getInt(at);
        int stored = buf.getInt(at + 4);
        long t = buf.getLong(at + 8);
        long o = buf.getLong(at + 16);
        if (length < CHUNK_END) {
            return bad("bad length " + length);
        }
        int body = Math.max(length, 0);
        if (body > remaining - RECORD_HEADER_BYTES) {
            return bad("length " + length + " exceeds the " + (remaining - RECORD_HEADER_BYTES)
                    + " bytes left (partial record)");
        }
        at = load(RECORD_HEADER_BYTES + body);
        byte[] a = buf.array();
        if (RecordCodec.checksum(crc, a, at, a, at + RECORD_HEADER_BYTES, body) != stored) {
            return bad("CRC mismatch in " + RecordCodec.kindName(length));
        }
        if (t < 0 || o < 0) {
            return bad("invalid offset " + t + "_" + o);
        }
        tx = t;
        op = o;
        recordAt = at;
        payloadAt = at + RECORD_HEADER_BYTES;
        payloadLength = body;
        position += RECORD_HEADER_BYTES + body;
        return length >= 0 ? Kind.DATA : length == COMMIT ? Kind.COMMIT : Kind.CHUNK_END;
    }

    long tx() {
        return tx;
    }

    long op() {
        return op;
    }

    LogOffset offset() {
        return new LogOffset(tx, op);
    }

    int payloadLength() {
        return payloadLength;
    }

    /** Read-only view of the current payload, valid until the next call to {@link #next()}. */
    ByteBuffer payload() {
        if (payloadView == null) {
            payloadView = buf.asReadOnlyBuffer();
        }
        payloadView.limit(payloadAt + payloadLength).position(payloadAt);
        return payloadView;
    }

    /**
     * Read-only view of the current record's raw bytes, header included, valid until the next
     * call to {@link #next()}.
     */
    ByteBuffer record() {
        if (recordView == null) {
            recordView = buf.asReadOnlyBuffer();
        }
        recordView.limit(payloadAt + payloadLength).position(recordAt);
        return recordView;
    }

    /** Start of the current (or bad) record. */
    long recordPosition() {
        return recordPosition;
    }

    /** Position after the current record. */
    long position() {
        return position;
    }

    String problem() {
        return problem;
    }

    /** Describes the bad record for error messages: file, position and what is wrong. */
    String describeProblem() {
        return file + " at position " + recordPosition + ": " + problem;
    }

    private Kind bad(String why) {
        problem = why;
        return Kind.BAD;
    }

    /** Makes bytes [position, position + n) available in the buffer and returns their index. */
    private int load(int n) throws IOException {
        long rel = position - bufStart;
        if (rel >= 0 && rel + n <= bufLen) {
            return (int) rel;
        }
        byte[] old = buf.array();
        int keep = rel >= 0 && rel < bufLen ? (int) (bufLen - rel) : 0;
        if (n > buf.capacity()) {
            buf = ByteBuffer.allocate(n);
            payloadView = null;
            recordView = null;
        }
        if (keep > 0) {
            System.arraycopy(old, (int) rel, buf.array(), 0, keep);
        }
        bufStart = position;
        bufLen = keep;
        int limit = (int) Math.min(buf.capacity(), end - position);
        buf.clear();
        while (bufLen < n) {
            buf.limit(limit).position(bufLen);
            int r = channel.read(buf, bufStart + bufLen);
            if (r < 0) {
                throw new StorageException("Unexpected end of " + file + " at position "
                        + (bufStart + bufLen) + " (expected data up to " + end + ")");
            }
            bufLen += r;
        }
        return 0;
    }
}
