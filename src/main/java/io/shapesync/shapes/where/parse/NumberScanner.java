package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.parse.Token.Kind;

/**
 * Numeric constants per Postgres 15: {@code 42}, {@code 4.2}, {@code .5}, {@code 5.}, {@code 1e5}, {@code 1.5E-3};
 * {@code 1..} lexes as the integer 1 followed by {@code ..}; a number directly followed by identifier characters
 * ({@code 1abc}) or an exponent without digits ({@code 1e+}) is "trailing junk after numeric literal".
 */
final class NumberScanner {
    private final Lexer lx;
    private final int start;

    NumberScanner(Lexer lx, int start) {
        this.lx = lx;
        this.start = start;
    }

    Token scan() {
        int p = digits(start);
        boolean integer = true;
        if (lx.charAt(p) == '.' && lx.charAt(p + 1) != '.') {
            integer = false;
            p = digits(p + 1);
        }
        char e = lx.charAt(p);
        if (e == 'e' || e == 'E') {
            char sign = lx.charAt(p + 1);
            if (Lexer.isDigit(sign)) {
                integer = false;
                p = digits(p + 1);
            } else if ((sign == '+' || sign == '-') && Lexer.isDigit(lx.charAt(p + 2))) {
                integer = false;
                p = digits(p + 2);
            } else if (sign == '+' || sign == '-') {
                throw lx.error(start, "trailing junk after numeric literal", p + 2);
            }
        }
        if (p < lx.length() && Lexer.isIdentStart(lx.charAt(p))) {
            int end = p;
            while (end < lx.length() && Lexer.isIdentCont(lx.charAt(end))) {
                end++;
            }
            throw lx.error(start, "trailing junk after numeric literal", end);
        }
        lx.moveTo(p);
        String text = lx.source().substring(start, p);
        Kind kind = integer && fitsInt8(text) ? Kind.INTEGER : Kind.NUMERIC;
        return new Token(kind, text, start, p);
    }

    private int digits(int p) {
        while (Lexer.isDigit(lx.charAt(p))) {
            p++;
        }
        return p;
    }

    static boolean fitsInt8(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        String d = digits.substring(i);
        if (d.length() < 19) {
            return true;
        }
        return d.length() == 19 && d.compareTo("9223372036854775807") <= 0;
    }
}
