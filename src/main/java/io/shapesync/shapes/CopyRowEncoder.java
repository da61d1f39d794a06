package io.shapesync.shapes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one row of {@code COPY … TO STDOUT} text output (tab-separated fields ending in a newline, one row per
 * CopyData message) straight into the shape's snapshot-row JSON, byte by byte: COPY's escapes are undone and JSON's
 * applied in the same pass, UTF-8 passes through, and no String is made. The result equals
 * {@link ChangeEncoder#snapshotRow} for the same values. Reuses one buffer: one thread at a time.
 *
 * <p>COPY text format: {@code \N} alone is NULL; {@code \\}, {@code \b}, {@code \f}, {@code \n}, {@code \r},
 * {@code \t}, {@code \v}, {@code \NNN} (1–3 octal digits) and {@code \xHH} (1–2 hex digits) stand for one byte; a
 * backslash before any other character stands for that character.
 */
final class CopyRowEncoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = ascii("null");
    private static final byte[] KEY_NULL = ascii("/_");
    private static final byte[] KEY_OPEN = ascii("/\\\"");
    private static final byte[] KEY_CLOSE = ascii("\\\"");
    private static final byte[] VALUE_OPEN = ascii("\",\"value\":{");

    /** 1 for the bytes that are the same in COPY text and inside a JSON string (in a key, '/' doubles). */
    private static final byte[] PLAIN = new byte[256];
    private static final byte[] PLAIN_IN_KEY = new byte[256];

    static {
        for (int b = 0x20; b < 256; b++) PLAIN[b] = (byte) (b == '"' || b == '\\' ? 0 : 1);
        System.arraycopy(PLAIN, 0, PLAIN_IN_KEY, 0, 256);
        PLAIN_IN_KEY['/'] = 0;
    }

    private final byte[] keyHead;
    private final byte[][] names;
    private final byte[] tail;
    private final int[] selected;
    private final int[] key;
    private final int fields;
    private final int[] start;
    private final int[] end;
    private byte[] buf = new byte[1024];
    private int n;

    /**
     * @param keyPrefix    the key's table part ({@code "public"."items"}), before JSON escaping
     * @param relationJson the relation header ({@code ["public","items"]})
     * @param columns      the shape's columns, in the order of the value object
     * @param fields       how many fields a COPY row has
     * @param selected     for each shape column, its field
     * @param key          the key columns' fields, in key order
     */
    CopyRowEncoder(String keyPrefix, String relationJson, List<String> columns, int fields, int[] selected, int[] key) {
        String quotedPrefix = Json.quoted(keyPrefix);
        this.keyHead = utf8("{\"key\":" + quotedPrefix.substring(0, quotedPrefix.length() - 1));
        this.names = new byte[columns.size()][];
        for (int i = 0; i < names.length; i++) names[i] = utf8((i > 0 ? "," : "") + Json.quoted(columns.get(i)) + ":");
        this.tail = utf8("},\"headers\":{\"operation\":\"insert\",\"relation\":" + relationJson + "}}");
        this.fields = fields;
        this.selected = selected.clone();
        this.key = key.clone();
        this.start = new int[fields];
        this.end = new int[fields];
    }

    /** A COPY row that does not have the expected shape (field count, final newline, a trailing backslash). */
    static final class MalformedCopyRowException extends RuntimeException {
        MalformedCopyRowException(String message) {
            super(message);
        }
    }

    /** The snapshot-row JSON for one COPY row (with its final newline). */
    byte[] encode(byte[] row) {
        split(row);
        n = 0;
        put(keyHead);
        for (int f : key) {
            if (isNull(row, f)) {
                put(KEY_NULL);
            } else {
                put(KEY_OPEN);
                text(row, start[f], end[f], true);
                put(KEY_CLOSE);
            }
        }
        put(VALUE_OPEN);
        for (int i = 0; i < selected.length; i++) {
            put(names[i]);
            int f = selected[i];
            if (isNull(row, f)) {
                put(NULL);
            } else {
                ensure(1);
                buf[n++] = '"';
                text(row, start[f], end[f], false);
                ensure(1);
                buf[n++] = '"';
            }
        }
        put(tail);
        return Arrays.copyOf(buf, n);
    }

    private void split(byte[] row) {
        int last = row.length - 1;
        if (last < 0 || row[last] != '\n') throw new MalformedCopyRowException("a COPY row does not end with a newline");
        int f = 0;
        start[0] = 0;
        for (int p = 0; p < last; p++) {
            if (row[p] == '\t') {
                end[f++] = p;
                if (f == fields) throw new MalformedCopyRowException("a COPY row has more than " + fields + " fields");
                start[f] = p + 1;
            }
        }
        end[f] = last;
        if (f + 1 != fields) {
            throw new MalformedCopyRowException("a COPY row has " + (f + 1) + " fields, expected " + fields);
        }
    }

    private boolean isNull(byte[] row, int f) {
        int s = start[f];
        return end[f] - s == 2 && row[s] == '\\' && row[s + 1] == 'N';
    }

    /** One field's text, COPY escapes undone, as the inside of a JSON string; in a key, '/' doubles. */
    private void text(byte[] row, int from, int to, boolean inKey) {
        ensure(6 * (to - from));  // the longest expansion: one byte as backslash-u00XX
        byte[] out = buf;
        int o = n;
        byte[] plain = inKey ? PLAIN_IN_KEY : PLAIN;
        for (int p = from; p < to; p++) {
            int run = p;
            while (p < to && plain[row[p] & 0xFF] != 0) p++;
            if (p > run) {  // bytes that need no escaping either way, copied at once
                System.arraycopy(row, run, out, o, p - run);
                o += p - run;
                if (p == to) break;
            }
            int b = row[p] & 0xFF;
            if (b == '\\') {
                if (++p == to) throw new MalformedCopyRowException("a COPY field ends with a lone backslash");
                int c = row[p];
                switch (c) {
                    case 'b' -> b = '\b';
                    case 'f' -> b = '\f';
                    case 'n' -> b = '\n';
                    case 'r' -> b = '\r';
                    case 't' -> b = '\t';
                    case 'v' -> b = 0x0B;
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        b = c - '0';
                        for (int k = 0; k < 2 && p + 1 < to && row[p + 1] >= '0' && row[p + 1] <= '7'; k++) {
                            b = (b << 3) + row[++p] - '0';
                        }
                        b &= 0xFF;
                    }
                    case 'x' -> {
                        int h = p + 1 < to ? hex(row[p + 1]) : -1;
                        if (h < 0) {
                            b = 'x';
                        } else {
                            b = h;
                            p++;
                            int h2 = p + 1 < to ? hex(row[p + 1]) : -1;
                            if (h2 >= 0) {
                                b = (b << 4) + h2;
                                p++;
                            }
                        }
                    }
                    default -> b = c & 0xFF;
                }
            }
            if (b >= 0x20 && b != '"' && b != '\\' && (b != '/' || !inKey)) {
                out[o++] = (byte) b;
                continue;
            }
            switch (b) {
                case '"', '\\' -> {
                    out[o++] = '\\';
                    out[o++] = (byte) b;
                }
                case '/' -> {
                    out[o++] = '/';
                    out[o++] = '/';
                }
                case '\n' -> o = pair(out, o, 'n');
                case '\r' -> o = pair(out, o, 'r');
                case '\t' -> o = pair(out, o, 't');
                case '\b' -> o = pair(out, o, 'b');
                case '\f' -> o = pair(out, o, 'f');
                default -> {
                    out[o++] = '\\';
                    out[o++] = 'u';
                    out[o++] = '0';
                    out[o++] = '0';
                    out[o++] = HEX[b >> 4];
                    out[o++] = HEX[b & 0xF];
                }
            }
        }
        n = o;
    }

    private static int pair(byte[] out, int o, char c) {
        out[o] = '\\';
        out[o + 1] = (byte) c;
        return o + 2;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
    }

    private void ensure(int more) {
        if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
