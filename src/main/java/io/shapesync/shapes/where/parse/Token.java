package io.shapesync.shapes.where.parse;

/**
 * One lexical token. {@code text} is the normalised value: identifiers lower-cased (unquoted) or unescaped (quoted),
 * string constants unescaped, numbers as written, operators and punctuation as written. {@code start}/{@code end}
 * delimit the raw source text (used for "at or near" messages).
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** Unquoted identifier or keyword (lower-cased). */
        IDENT,
        /** Quoted identifier (never a keyword). */
        QIDENT,
        STRING,
        INTEGER,
        NUMERIC,
        /** {@code $n}; text is the digits. */
        PARAM,
        /** Any operator, including the single-character ones {@code + - * / % ^ < > =}. */
        OP,
        /** {@code ( ) [ ] , . : :: ; .. := =>}. */
        PUNCT,
        /** A character Postgres' scanner returns on its own and the grammar never accepts. */
        OTHER,
        EOF
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    /** True for an unquoted identifier spelling {@code keyword} (lower case). */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equals(keyword);
    }

    boolean isPunct(String p) {
        return is(Kind.PUNCT, p);
    }

    boolean isOp(String op) {
        return is(Kind.OP, op);
    }
}
