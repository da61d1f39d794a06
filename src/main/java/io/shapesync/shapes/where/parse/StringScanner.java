package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Scans a quoted string constant ({@code '...'} or {@code E'...'}), including Postgres' continuation of adjacent
 * string literals separated by whitespace containing a newline. E'' escapes are collected as bytes (octal and hex
 * escapes are bytes in Postgres) and the result must be valid UTF-8 without NUL.
 */
final class StringScanner {
    private final Lexer lx;
    private final String src;
    private final int tokenStart;

    StringScanner(Lexer lx, int tokenStart) {
        this.lx = lx;
        this.src = lx.source();
        this.tokenStart = tokenStart;
    }

    /** Scans from {@code contentStart} (just after the opening quote) to the closing quote and continuations. */
    Token quoted(int contentStart, boolean escapes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int p = contentStart;
        while (true) {
            p = escapes ? escapedSegment(p, bytes) : plainSegment(p, bytes);
            int next = continuation(p);
            if (next < 0) {
                break;
            }
            p = next;
        }
        lx.moveTo(p);
        String value = escapes ? decode(bytes.toByteArray()) : bytes.toString(StandardCharsets.UTF_8);
        return new Token(Kind.STRING, value, tokenStart, p);
    }

    private WhereException unterminated() {
        return lx.error(tokenStart, "unterminated quoted string", src.length());
    }

    /** Content up to and including the closing quote; returns the index after it. */
    private int plainSegment(int p, ByteArrayOutputStream out) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int q = src.indexOf('\'', p);
            if (q < 0) {
                throw unterminated();
            }
            sb.append(src, p, q);
            if (lx.charAt(q + 1) == '\'') {
                sb.append('\'');
                p = q + 2;
            } else {
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                return q + 1;
            }
        }
    }

    /**
     * After a closing quote: whitespace including at least one newline (and -- comments), then another quote,
     * continues the literal. Returns the index after that quote, or -1.
     */
    private int continuation(int p) {
        boolean newline = false;
        while (p < src.length()) {
            char c = src.charAt(p);
            if (c == '\n' || c == '\r') {
                newline = true;
                p++;
            } else if (Lexer.isSpace(c)) {
                p++;
            } else if (c == '-' && lx.charAt(p + 1) == '-') {
                while (p < src.length() && src.charAt(p) != '\n' && src.charAt(p) != '\r') {
                    p++;
                }
            } else {
                return newline && c == '\'' ? p + 1 : -1;
            }
        }
        return -1;
    }

    private int escapedSegment(int p, ByteArrayOutputStream out) {
        int pendingHigh = -1;
        int pendingAt = -1;
        while (true) {
            if (p >= src.length()) {
                throw unterminated();
            }
            char c = src.charAt(p);
            if (pendingHigh >= 0 && !(c == '\\' && lx.charAt(p + 1) == 'u') && !(c == '\\' && lx.charAt(p + 1) == 'U')) {
                throw lx.error(p, "invalid Unicode surrogate pair", p + 1);
            }
            if (c == '\'') {
                if (lx.charAt(p + 1) == '\'') {
                    out.write('\'');
                    p += 2;
                    continue;
                }
                return p + 1;
            }
            if (c != '\\') {
                int cp = src.codePointAt(p);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                p += Character.charCount(cp);
                continue;
            }
            char e = lx.charAt(p + 1);
            if (p + 1 >= src.length()) {
                throw unterminated();
            }
            if (e >= '0' && e <= '7') {
                int end = p + 1;
                int v = 0;
                while (end < p + 4 && lx.charAt(end) >= '0' && lx.charAt(end) <= '7') {
                    v = v * 8 + (lx.charAt(end) - '0');
                    end++;
                }
                out.write(v & 0xFF);
                p = end;
            } else if (e == 'x' && hex(lx.charAt(p + 2)) >= 0) {
                int v = hex(lx.charAt(p + 2));
                int end = p + 3;
                if (hex(lx.charAt(end)) >= 0) {
                    v = v * 16 + hex(lx.charAt(end));
                    end++;
                }
                out.write(v);
                p = end;
            } else if (e == 'u' || e == 'U') {
                int digits = e == 'u' ? 4 : 8;
                int cp = 0;
                for (int i = 0; i < digits; i++) {
                    int h = hex(lx.charAt(p + 2 + i));
                    if (h < 0) {
                        throw new WhereException(p, "invalid Unicode escape");
                    }
                    cp = cp * 16 + h;
                }
                int end = p + 2 + digits;
                if (cp <= 0 || cp > 0x10FFFF) {
                    throw lx.error(p, "invalid Unicode escape value", end);
                }
                if (Character.isHighSurrogate((char) cp) && cp <= 0xFFFF) {
                    if (pendingHigh >= 0) {
                        throw lx.error(p, "invalid Unicode surrogate pair", end);
                    }
                    pendingHigh = cp;
                    pendingAt = p;
                } else if (Character.isLowSurrogate((char) cp) && cp <= 0xFFFF) {
                    if (pendingHigh < 0) {
                        throw lx.error(p, "invalid Unicode surrogate pair", end);
                    }
                    int full = Character.toCodePoint((char) pendingHigh, (char) cp);
                    out.writeBytes(new String(Character.toChars(full)).getBytes(StandardCharsets.UTF_8));
                    pendingHigh = -1;
                } else {
                    if (pendingHigh >= 0) {
                        throw lx.error(pendingAt, "invalid Unicode surrogate pair", end);
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                p = end;
            } else {
                int cp = src.codePointAt(p + 1);
                if (cp < 0x80) {
                    out.write(single((char) cp));
                } else {
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                p += 1 + Character.charCount(cp);
            }
        }
    }

    private static int single(char e) {
        return switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> e;
        };
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Strict UTF-8 decoding with Postgres' message for the first invalid sequence (NUL included). */
    private String decode(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xFF;
            int len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3
                    : (lead & 0xF8) == 0xF0 ? 4 : 0;
            boolean ok = lead != 0 && len > 0 && i + len <= b.length;
            for (int k = 1; ok && k < len; k++) {
                ok = (b[i + k] & 0xC0) == 0x80;
            }
            if (ok && len > 1) {
                ok = validCodePoint(b, i, len);
            }
            if (!ok) {
                throw new WhereException(tokenStart, "invalid byte sequence for encoding \"UTF8\": "
                        + hexBytes(b, i, Math.max(1, Math.min(len, b.length - i))));
            }
            i += len;
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static boolean validCodePoint(byte[] b, int i, int len) {
        int cp = b[i] & (0x7F >> len);
        for (int k = 1; k < len; k++) {
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        int min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        return cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }

    private static String hexBytes(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(String.format("0x%02x", b[from + k] & 0xFF));
        }
        return sb.toString();
    }
}
