package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;

/**
 * Postgres' lexical rules (scan.l, version 15) for the expression subset: identifiers, quoted identifiers, string
 * constants (standard, E'', dollar-quoted, newline-continued), numbers, parameters, operators, comments. Tokens are
 * produced lazily so that, as in Postgres, a syntax error before a lexical error is reported first.
 */
final class Lexer {
    /** Postgres' NAMEDATALEN - 1: identifiers are truncated to this many bytes. */
    private static final int MAX_IDENT_BYTES = 63;
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    private static final String SELF_CHARS = ",()[].;:+-*/%^<>=";

    private final String src;
    private int pos;

    Lexer(String src) {
        this.src = src;
    }

    String source() {
        return src;
    }

    /** The next token; an EOF token (start = end = length) once the input is exhausted. */
    Token next() {
        skipWhitespaceAndComments();
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", src.length(), src.length());
        }
        int start = pos;
        char c = src.charAt(pos);
        char n = peekChar(1);
        if (c == '\'') {
            return new StringScanner(this, start).quoted(start + 1, false);
        }
        if ((c == 'e' || c == 'E') && n == '\'') {
            return new StringScanner(this, start).quoted(start + 2, true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && n == '\'') {
            throw new WhereException(start, "bit-string literals are not supported");
        }
        if ((c == 'n' || c == 'N') && n == '\'') {
            // National character literal: Postgres emits the keyword NCHAR followed by the string.
            pos = start + 1;
            return new Token(Kind.IDENT, "nchar", start, start + 1);
        }
        if ((c == 'u' || c == 'U') && n == '&' && (peekChar(2) == '\'' || peekChar(2) == '"')) {
            throw new WhereException(start, "Unicode escape literals (U&'...' and U&\"...\") are not supported");
        }
        if (c == '"') {
            return quotedIdentifier(start);
        }
        if (isIdentStart(c)) {
            return identifier(start);
        }
        if (isDigit(c) || (c == '.' && isDigit(n))) {
            return new NumberScanner(this, start).scan();
        }
        if (c == '$') {
            return dollar(start);
        }
        return punctuationOrOperator(start, c, n);
    }

    // ---- scanning primitives shared with the string and number scanners

    char peekChar(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    char charAt(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    int position() {
        return pos;
    }

    void moveTo(int p) {
        pos = p;
    }

    int length() {
        return src.length();
    }

    WhereException error(int at, String reason, int nearEnd) {
        return new WhereException(at, reason + " at or near \"" + src.substring(at, Math.min(nearEnd, src.length()))
                + "\"");
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    // ---- whitespace and comments

    private void skipWhitespaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '-' && peekChar(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peekChar(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    void skipLineComment() {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw error(start, "unterminated /* comment", src.length());
    }

    // ---- identifiers

    private Token identifier(int start) {
        int p = start + 1;
        while (p < src.length() && isIdentCont(src.charAt(p))) {
            p++;
        }
        pos = p;
        return new Token(Kind.IDENT, truncate(downcase(src.substring(start, p))), start, p);
    }

    private Token quotedIdentifier(int start) {
        StringBuilder sb = new StringBuilder();
        int p = start + 1;
        while (true) {
            int q = src.indexOf('"', p);
            if (q < 0) {
                throw error(start, "unterminated quoted identifier", src.length());
            }
            sb.append(src, p, q);
            if (charAt(q + 1) == '"') {
                sb.append('"');
                p = q + 2;
            } else {
                pos = q + 1;
                break;
            }
        }
        if (sb.length() == 0) {
            throw error(start, "zero-length delimited identifier", pos);
        }
        return new Token(Kind.QIDENT, truncate(sb.toString()), start, pos);
    }

    /** Lower-cases ASCII letters only, as Postgres' downcase_identifier does for multi-byte encodings. */
    static String downcase(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            if (cs[i] >= 'A' && cs[i] <= 'Z') {
                cs[i] = (char) (cs[i] + ('a' - 'A'));
            }
        }
        return new String(cs);
    }

    /** Truncates to at most 63 UTF-8 bytes at a character boundary, as Postgres does with NAMEDATALEN. */
    static String truncate(String s) {
        if (s.length() * 3 <= MAX_IDENT_BYTES) {
            return s;
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_IDENT_BYTES) {
                return s.substring(0, i);
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return s;
    }

    // ---- $: parameters and dollar quotes

    private Token dollar(int start) {
        char n = peekChar(1);
        if (isDigit(n)) {
            int p = start + 1;
            while (p < src.length() && isDigit(src.charAt(p))) {
                p++;
            }
            if (p < src.length() && isIdentStart(src.charAt(p))) {
                int e = p;
                while (e < src.length() && isIdentCont(src.charAt(e))) {
                    e++;
                }
                throw error(start, "trailing junk after parameter", e);
            }
            pos = p;
            return new Token(Kind.PARAM, src.substring(start + 1, p), start, p);
        }
        int p = start + 1;
        if (isIdentStart(n)) {
            p++;
            while (p < src.length() && (isIdentStart(src.charAt(p)) || isDigit(src.charAt(p)))) {
                p++;
            }
        }
        if (charAt(p) != '$') {
            pos = start + 1;
            return new Token(Kind.OTHER, "$", start, start + 1);
        }
        String delim = src.substring(start, p + 1);
        int close = findDelimiter(delim, p + 1);
        if (close < 0) {
            throw error(start, "unterminated dollar-quoted string", src.length());
        }
        pos = close + delim.length();
        return new Token(Kind.STRING, src.substring(p + 1, close), start, pos);
    }

    /**
     * Finds the closing dollar-quote delimiter in linear time: the tag contains no '$', so a candidate match can
     * only start at a '$' and a failed comparison never overlaps the next candidate.
     */
    private int findDelimiter(String delim, int from) {
        int i = src.indexOf('$', from);
        while (i >= 0) {
            if (src.startsWith(delim, i)) {
                return i;
            }
            i = src.indexOf('$', i + 1);
        }
        return -1;
    }

    // ---- operators and punctuation

    private Token punctuationOrOperator(int start, char c, char n) {
        if (c == ':' && n == ':') {
            return punct(start, 2);
        }
        if ((c == '.' && n == '.') || (c == ':' && n == '=')) {
            return punct(start, 2);
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        if (SELF_CHARS.indexOf(c) >= 0) {
            return punct(start, 1);
        }
        pos = start + Character.charCount(src.codePointAt(start));
        return new Token(Kind.OTHER, src.substring(start, pos), start, pos);
    }

    private Token punct(int start, int len) {
        pos = start + len;
        return new Token(Kind.PUNCT, src.substring(start, pos), start, pos);
    }

    private Token operator(int start) {
        int end = start;
        while (end < src.length() && OP_CHARS.indexOf(src.charAt(end)) >= 0) {
            end++;
        }
        String op = src.substring(start, end);
        int nchars = op.length();
        int comment = firstCommentStart(op);
        if (comment >= 0) {
            nchars = comment;
        }
        if (nchars > 1 && (op.charAt(nchars - 1) == '+' || op.charAt(nchars - 1) == '-')) {
            boolean qualifying = false;
            for (int i = nchars - 2; i >= 0; i--) {
                if ("~!@#^&|`?%".indexOf(op.charAt(i)) >= 0) {
                    qualifying = true;
                    break;
                }
            }
            if (!qualifying) {
                do {
                    nchars--;
                } while (nchars > 1 && (op.charAt(nchars - 1) == '+' || op.charAt(nchars - 1) == '-'));
            }
        }
        op = op.substring(0, nchars);
        pos = start + nchars;
        if (op.equals("=>")) {
            return new Token(Kind.PUNCT, op, start, pos);
        }
        return new Token(Kind.OP, op, start, pos);
    }

    private static int firstCommentStart(String op) {
        int a = op.indexOf("/*");
        int b = op.indexOf("--");
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
