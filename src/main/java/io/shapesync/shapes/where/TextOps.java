package io.shapesync.shapes.where;

/** Text semantics under the C collation: code point order, ASCII-only case folding, LIKE matching. */
final class TextOps {
    private TextOps() {
    }

    /** Compares by Unicode code point (= UTF-8 byte order), not UTF-16 code units. */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(fix(x), fix(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int fix(char c) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            return c + 0x2000;
        }
        return c >= 0xE000 ? c - 0x800 : c;
    }

    /** bpchar's significant part: trailing spaces removed. */
    static String rtrim(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    static String lower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b == null ? s : b.toString();
    }

    static String upper(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c - 32));
            }
        }
        return b == null ? s : b.toString();
    }

    /** like_escape(pattern, escape): rewrites the pattern to use backslash as its escape. */
    static String likeEscape(String pattern, String escape) {
        if (escape.isEmpty()) {
            return pattern.replace("\\", "\\\\");
        }
        if (escape.codePointCount(0, escape.length()) != 1) {
            throw new EvaluationException("invalid escape string");
        }
        int e = escape.codePointAt(0);
        if (e == '\\') {
            return pattern;
        }
        StringBuilder r = new StringBuilder();
        boolean afterEscape = false;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == e && !afterEscape) {
                r.append('\\');
                afterEscape = true;
            } else if (c == '\\') {
                r.append('\\');
                if (!afterEscape) {
                    r.append('\\');
                }
                afterEscape = false;
            } else {
                r.appendCodePoint(c);
                afterEscape = false;
            }
        }
        return r.toString();
    }

    static boolean like(String text, String pattern) {
        return match(text.codePoints().toArray(), 0, pattern.codePoints().toArray(), 0) == 1;
    }

    static boolean ilike(String text, String pattern) {
        return like(lower(text), lower(pattern));
    }

    /** Postgres' MatchText: 1 true, 0 false, -1 abort. */
    private static int match(int[] t, int ti, int[] p, int pi) {
        while (ti < t.length && pi < p.length) {
            if (p[pi] == '\\') {
                pi++;
                if (pi >= p.length) {
                    throw new EvaluationException("LIKE pattern must not end with escape character");
                }
                if (p[pi] != t[ti]) {
                    return 0;
                }
            } else if (p[pi] == '%') {
                pi++;
                while (pi < p.length) {
                    if (p[pi] == '%') {
                        pi++;
                    } else if (p[pi] == '_') {
                        if (ti >= t.length) {
                            return -1;
                        }
                        ti++;
                        pi++;
                    } else {
                        break;
                    }
                }
                if (pi >= p.length) {
                    return 1;
                }
                int first;
                if (p[pi] == '\\') {
                    if (pi + 1 >= p.length) {
                        throw new EvaluationException("LIKE pattern must not end with escape character");
                    }
                    first = p[pi + 1];
                } else {
                    first = p[pi];
                }
                while (ti < t.length) {
                    if (t[ti] == first) {
                        int m = match(t, ti, p, pi);
                        if (m != 0) {
                            return m;
                        }
                    }
                    ti++;
                }
                return -1;
            } else if (p[pi] == '_') {
                ti++;
                pi++;
                continue;
            } else if (p[pi] != t[ti]) {
                return 0;
            }
            ti++;
            pi++;
        }
        if (ti < t.length) {
            return 0;
        }
        while (pi < p.length && p[pi] == '%') {
            pi++;
        }
        return pi >= p.length ? 1 : -1;
    }
}
