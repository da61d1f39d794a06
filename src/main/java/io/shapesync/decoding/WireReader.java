package io.shapesync.decoding;

import java.nio.charset.StandardCharsets;

/** Big-endian cursor over one message in a byte array; positions in errors are relative to the tag byte. */
final class WireReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    WireReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    int position() {
        return pos - start;
    }

    int remaining() {
        return end - pos;
    }

    char tag() {
        return (char) (buf[start] & 0xFF);
    }

    private void need(int n, String what) {
        if (end - pos < n) {
            throw error("truncated " + what + ": need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    int i32(String what) {
        need(4, what);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    long i64(String what) {
        long high = i32(what) & 0xFFFFFFFFL;
        return high << 32 | i32(what) & 0xFFFFFFFFL;
    }

    /** A NUL-terminated UTF-8 string. */
    String cstring(String what) {
        for (int i = pos; i < end; i++) {
            if (buf[i] == 0) {
                String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                pos = i + 1;
                return s;
            }
        }
        throw error("unterminated " + what + " string");
    }

    /** A length-prefixed value's length, checked against the remaining bytes. */
    int length(String what) {
        int len = i32(what + " length");
        if (len < 0) {
            throw error("negative " + what + " length " + len);
        }
        need(len, what);
        return len;
    }

    String utf8(int len) {
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    byte[] bytes(int len) {
        byte[] b = new byte[len];
        System.arraycopy(buf, pos, b, 0, len);
        pos += len;
        return b;
    }

    void expectEnd() {
        if (pos != end) {
            throw error((end - pos) + " unexpected trailing bytes");
        }
    }

    ProtocolException error(String problem) {
        char tag = tag();
        return new ProtocolException(String.format("pgoutput message '%s' (0x%02X) at byte %d: %s",
                tag >= 0x20 && tag < 0x7F ? String.valueOf(tag) : "?", (int) tag, position(), problem));
    }
}
