package io.shapesync.shapes.where;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Postgres array text input and output ({@code {1,2,NULL}}, {@code {"a b",c}}, {@code [0:1]={1,2}}). */
final class ArrayText {
    private final String s;
    private int i;
    private int leafDepth = -1;

    private ArrayText(String s) {
        this.s = s;
    }

    private IllegalArgumentException bad() {
        return new IllegalArgumentException("malformed array literal: \"" + s + "\"");
    }

    static ArrayValue parse(String text, Function<String, Object> element) {
        return new ArrayText(text).parse(element);
    }

    private void ws() {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    private int integer() {
        int start = i;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        try {
            return Integer.parseInt(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw bad();
        }
    }

    private ArrayValue parse(Function<String, Object> element) {
        ws();
        List<int[]> decl = new ArrayList<>();
        while (i < s.length() && s.charAt(i) == '[') {
            i++;
            ws();
            int lo = 1;
            int hi = integer();
            ws();
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
                ws();
                lo = hi;
                hi = integer();
                ws();
            }
            if (i >= s.length() || s.charAt(i) != ']' || hi < lo - 1) {
                throw bad();
            }
            i++;
            ws();
            decl.add(new int[] {lo, hi});
        }
        if (!decl.isEmpty()) {
            if (i >= s.length() || s.charAt(i) != '=') {
                throw bad();
            }
            i++;
            ws();
        }
        if (i >= s.length() || s.charAt(i) != '{') {
            throw bad();
        }
        int[] dimsArr = {-1, -1, -1, -1, -1, -1, -1};
        List<Object> flat = new ArrayList<>();
        level(0, dimsArr, flat, element);
        ws();
        if (i != s.length()) {
            throw bad();
        }
        if (flat.isEmpty()) {
            return ArrayValue.EMPTY;
        }
        int[] d = java.util.Arrays.copyOf(dimsArr, leafDepth + 1);
        int[] lb = new int[d.length];
        java.util.Arrays.fill(lb, 1);
        if (!decl.isEmpty()) {
            if (decl.size() != d.length) {
                throw bad();
            }
            for (int k = 0; k < d.length; k++) {
                if (decl.get(k)[1] - decl.get(k)[0] + 1 != d[k]) {
                    throw bad();
                }
                lb[k] = decl.get(k)[0];
            }
        }
        return new ArrayValue(d, lb, flat.toArray());
    }

    /** Parses one {...} at nesting depth; records/validates the dimension length. */
    private void level(int depth, int[] dims, List<Object> flat, Function<String, Object> element) {
        if (depth >= 6) {
            throw bad();
        }
        i++; // '{'
        ws();
        int count = 0;
        Boolean nested = null;
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            if (depth > 0) {
                throw bad();
            }
            return;
        }
        while (true) {
            ws();
            if (i >= s.length()) {
                throw bad();
            }
            boolean isNested = s.charAt(i) == '{';
            if (nested != null && nested != isNested) {
                throw bad();
            }
            nested = isNested;
            if (isNested) {
                level(depth + 1, dims, flat, element);
            } else {
                flat.add(element(element));
            }
            count++;
            ws();
            if (i >= s.length()) {
                throw bad();
            }
            char c = s.charAt(i++);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw bad();
            }
        }
        if (dims[depth] == -1) {
            dims[depth] = count;
        } else if (dims[depth] != count) {
            throw bad();
        }
        if (!nested) {
            if (leafDepth == -1) {
                leafDepth = depth;
            } else if (leafDepth != depth) {
                throw bad();
            }
        }
    }

    private Object element(Function<String, Object> element) {
        StringBuilder b = new StringBuilder();
        if (s.charAt(i) == '"') {
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw bad();
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        throw bad();
                    }
                    c = s.charAt(i++);
                }
                b.append(c);
            }
            return element.apply(b.toString());
        }
        boolean escaped = false;
        int lastSignificant = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ',' || c == '}') {
                break;
            }
            if (c == '{' || c == '"') {
                throw bad();
            }
            i++;
            if (c == '\\') {
                if (i >= s.length()) {
                    throw bad();
                }
                b.append(s.charAt(i++));
                escaped = true;
                lastSignificant = b.length();
            } else {
                b.append(c);
                if (!isSpace(c)) {
                    lastSignificant = b.length();
                }
            }
        }
        String raw = b.substring(0, lastSignificant);
        if (raw.isEmpty()) {
            throw bad();
        }
        if (!escaped && raw.equalsIgnoreCase("NULL")) {
            return null;
        }
        return element.apply(raw);
    }

    static String format(ArrayValue a, Function<Object, String> element) {
        if (a.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder();
        boolean decorate = false;
        for (int lb : a.lbounds) {
            decorate |= lb != 1;
        }
        if (decorate) {
            for (int k = 0; k < a.dims.length; k++) {
                b.append('[').append(a.lbounds[k]).append(':').append(a.lbounds[k] + a.dims[k] - 1).append(']');
            }
            b.append('=');
        }
        int[] pos = {0};
        formatLevel(a, 0, pos, b, element);
        return b.toString();
    }

    private static void formatLevel(ArrayValue a, int depth, int[] pos, StringBuilder b,
                                    Function<Object, String> element) {
        b.append('{');
        for (int k = 0; k < a.dims[depth]; k++) {
            if (k > 0) {
                b.append(',');
            }
            if (depth + 1 < a.dims.length) {
                formatLevel(a, depth + 1, pos, b, element);
            } else {
                Object v = a.elems[pos[0]++];
                b.append(v == null ? "NULL" : quote(element.apply(v)));
            }
        }
        b.append('}');
    }

    static String quote(String v) {
        boolean need = v.isEmpty() || v.equalsIgnoreCase("NULL");
        for (int k = 0; k < v.length() && !need; k++) {
            char c = v.charAt(k);
            need = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || isSpace(c);
        }
        if (!need) {
            return v;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
