package io.shapesync.shapes.where.values;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * jsonb input as Postgres 15's: RFC 8259 grammar with Postgres' lexer rules (strict numbers, control characters must
 * be escaped, surrogate pairs checked, {@code \u0000} rejected), numbers as {@code numeric}, object keys in jsonb order
 * with the last duplicate winning. Errors carry Postgres' primary message.
 */
public final class JsonbParser {
    private static final String SYNTAX = "invalid input syntax for type json";

    private final String s;
    private int pos;

    private JsonbParser(String s) {
        this.s = s;
    }

    /** Parses jsonb text; IllegalArgumentException with Postgres' message on bad input. */
    public static Object parse(String text) {
        JsonbParser p = new JsonbParser(text);
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("Expected end of input, but found \"" + p.tokenAt() + "\".");
        }
        return v;
    }

    private IllegalArgumentException error(String detail) {
        return new IllegalArgumentException(SYNTAX + " (" + detail + ")");
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String tokenAt() {
        int end = pos + 1;
        while (end < s.length() && isAlnum(s.charAt(end)) && isAlnum(s.charAt(pos))) {
            end++;
        }
        return s.substring(pos, Math.min(end, s.length()));
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
    }

    private Object value() {
        skipSpace();
        if (pos >= s.length()) {
            throw error("The input string ended unexpectedly.");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            default -> scalar();
        };
    }

    private Object object() {
        pos++;
        TreeMap<String, Object> map = new TreeMap<>(JsonbOrder.KEYS);
        skipSpace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableSortedMap(map);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw unexpected("string");
            }
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw unexpected("\":\"");
            }
            pos++;
            map.put(key, value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableSortedMap(map);
            }
            if (c != ',') {
                pos--;
                throw unexpected("\",\" or \"}\"");
            }
        }
    }

    private Object array() {
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw unexpected("\",\" or \"]\"");
            }
        }
    }

    private IllegalArgumentException unexpected(String what) {
        if (pos >= s.length()) {
            return error("The input string ended unexpectedly.");
        }
        return error("Expected " + what + ", but found \"" + tokenAt() + "\".");
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("The input string ended unexpectedly.");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error(String.format("Character with value 0x%02x must be escaped.", (int) c));
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
            }
        }
    }

    private void escape(StringBuilder sb) {
        if (pos >= s.length()) {
            throw error("The input string ended unexpectedly.");
        }
        char e = s.charAt(pos++);
        switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> unicode(sb);
            default -> throw error("Escape sequence \"\\" + e + "\" is invalid.");
        }
    }

    private void unicode(StringBuilder sb) {
        int cp = hex4();
        if (cp == 0) {
            throw new IllegalArgumentException("unsupported Unicode escape sequence (\\u0000 cannot be converted to text)");
        }
        if (Character.isHighSurrogate((char) cp)) {
            if (s.startsWith("\\u", pos)) {
                pos += 2;
                int low = hex4();
                if (Character.isHighSurrogate((char) low)) {
                    throw error("Unicode high surrogate must not follow a high surrogate.");
                }
                if (!Character.isLowSurrogate((char) low)) {
                    throw error("Unicode low surrogate must follow a high surrogate.");
                }
                sb.append((char) cp).append((char) low);
                return;
            }
            throw error("Unicode low surrogate must follow a high surrogate.");
        }
        if (Character.isLowSurrogate((char) cp)) {
            throw error("Unicode low surrogate must follow a high surrogate.");
        }
        sb.append((char) cp);
    }

    private int hex4() {
        if (pos + 4 > s.length()) {
            throw error("\"\\u\" must be followed by four hexadecimal digits.");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0 || s.charAt(pos + i) > 'f') {
                throw error("\"\\u\" must be followed by four hexadecimal digits.");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return v;
    }

    private Object scalar() {
        int start = pos;
        char c = s.charAt(pos);
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(start);
        }
        while (pos < s.length() && isAlnum(s.charAt(pos))) {
            pos++;
        }
        String word = s.substring(start, pos);
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return Jsonb.NULL;
            default:
                pos = start;
                throw error("Token \"" + (word.isEmpty() ? tokenAt() : word) + "\" is invalid.");
        }
    }

    private Object number(int start) {
        if (peek() == '-') {
            pos++;
        }
        boolean ok = digitsFrom(true);
        if (ok && peek() == '.') {
            pos++;
            ok = digitsFrom(false);
        }
        if (ok && (peek() == 'e' || peek() == 'E')) {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            ok = digitsFrom(false);
        }
        int end = pos;
        while (pos < s.length() && isAlnum(s.charAt(pos))) {
            pos++;
            ok = false;
        }
        if (!ok) {
            throw error("Token \"" + s.substring(start, pos) + "\" is invalid.");
        }
        return JsonbNumbers.fromText(s.substring(start, end));
    }

    /** Reads digits; for the integer part a leading zero must stand alone. */
    private boolean digitsFrom(boolean integerPart) {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            return false;
        }
        return !(integerPart && s.charAt(start) == '0' && pos - start > 1);
    }
}
