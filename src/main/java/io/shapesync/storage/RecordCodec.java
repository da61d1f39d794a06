package io.shapesync.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * On-disk layout of a shape log file (all integers big-endian).
 *
 * <pre>
 * file header : magic (int "SSLG") | version (int)
 * record      : length (int) | CRC32C (int) | tx (long) | op (long) | payload (length bytes)
 * </pre>
 *
 * A {@code length >= 0} marks a data record. Negative lengths mark control records without
 * payload: {@link #COMMIT} (everything before it is committed) and {@link #CHUNK_END} (a chunk
 * boundary at the record's offset). The CRC32C covers the length field, the offset and the
 * payload, so a damaged length or kind is detected as well.
 */
final class RecordCodec {

    static final int MAGIC = 0x53534C47;
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;
    static final int RECORD_HEADER_BYTES = 24;
    static final int COMMIT = -1;
    static final int CHUNK_END = -2;
    static final int MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 64;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private RecordCodec() {
    }

    /**
     * Writes a record header at {@code at} in {@code to}: {@code length}, the checksum of the header and the payload
     * ({@code payloadLength} bytes at {@code payloadAt} in {@code payload}), and {@code tx}/{@code op}.
     */
    static void putHeader(CRC32C crc, byte[] to, int at, int length, long tx, long op, byte[] payload, int payloadAt,
            int payloadLength) {
        INT.set(to, at, length);
        LONG.set(to, at + 8, tx);
        LONG.set(to, at + 16, op);
        INT.set(to, at + 4, checksum(crc, to, at, payload, payloadAt, payloadLength));
    }

    /**
     * CRC32C of a record whose header (length at {@code headerAt}, offset at {@code headerAt + 8})
     * is in {@code header} and whose payload is in {@code payload}.
     */
    static int checksum(CRC32C crc, byte[] header, int headerAt, byte[] payload, int payloadAt,
            int payloadLength) {
        crc.reset();
        crc.update(header, headerAt, 4);
        crc.update(header, headerAt + 8, 16);
        if (payloadLength > 0) {
            crc.update(payload, payloadAt, payloadLength);
        }
        return (int) crc.getValue();
    }

    static String kindName(int length) {
        return switch (length) {
            case COMMIT -> "commit marker";
            case CHUNK_END -> "chunk-end marker";
            default -> "data record";
        };
    }
}
