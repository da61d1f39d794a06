package io.shapesync.shapes.where;

/** bytea input (hex and escape formats); values are kept as their hex output text. */
final class Bytea {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bytea() {
    }

    static String parse(String text) {
        StringBuilder out = new StringBuilder("\\x");
        if (text.startsWith("\\x")) {
            int i = 2;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                    continue;
                }
                int hi = Character.digit(c, 16);
                if (hi < 0 || c > 'f') {
                    throw new IllegalArgumentException("invalid hexadecimal digit: \"" + c + "\"");
                }
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("invalid hexadecimal data: odd number of digits");
                }
                char d = text.charAt(i + 1);
                int lo = Character.digit(d, 16);
                if (lo < 0 || d > 'f') {
                    throw new IllegalArgumentException(
                            d == ' ' ? "invalid hexadecimal data: odd number of digits"
                                    : "invalid hexadecimal digit: \"" + d + "\"");
                }
                out.append(HEX[hi]).append(HEX[lo]);
                i += 2;
            }
            return out.toString();
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\\') {
                if (i + 1 < bytes.length && bytes[i + 1] == '\\') {
                    i++;
                } else if (i + 3 < bytes.length + 0 && isOct(bytes[i + 1], '3') && isOct(bytes[i + 2], '7')
                        && isOct(bytes[i + 3], '7')) {
                    b = (bytes[i + 1] - '0') * 64 + (bytes[i + 2] - '0') * 8 + (bytes[i + 3] - '0');
                    i += 3;
                } else {
                    throw new IllegalArgumentException("invalid input syntax for type bytea");
                }
            }
            out.append(HEX[b >> 4]).append(HEX[b & 15]);
        }
        return out.toString();
    }

    private static boolean isOct(byte b, char max) {
        return b >= '0' && b <= max;
    }
}
