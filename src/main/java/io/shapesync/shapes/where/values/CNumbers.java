package io.shapesync.shapes.where.values;

/** The C library number parsing Postgres' date/time input relies on ({@code strtol}, {@code strtod}). */
final class CNumbers {
    /** Result of a parse: value, index after the number (the start when nothing was read), overflow flag. */
    record Parsed(long value, int end, boolean overflow) {
    }

    /** A strtod result: value and end index (start when nothing was read). */
    record ParsedDouble(double value, int end) {
    }

    private CNumbers() {
    }

    /** strtol/strtoi64 base 10 from {@code start}: whitespace, optional sign, digits. */
    static Parsed strtol(String s, int start) {
        int i = start;
        while (i < s.length() && DateTimeParser.isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < s.length() && DateTimeParser.isDigit(s.charAt(i))) {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                if (value > (Long.MAX_VALUE - d) / 10 && !(neg && value == Long.MAX_VALUE / 10 && d == 8)) {
                    overflow = true;
                } else {
                    value = neg && value == Long.MAX_VALUE / 10 && d == 8 ? Long.MIN_VALUE : value * 10 + d;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new Parsed(0, start, false);
        }
        return new Parsed(neg && value != Long.MIN_VALUE ? -value : value, i, overflow);
    }

    /** Postgres' ParseFraction of ".ddd": the fraction, or null for a bad format. */
    static Double parseFraction(String frac) {
        if (frac.length() == 1) {
            return 0.0;
        }
        for (int i = 1; i < frac.length(); i++) {
            if (!DateTimeParser.isDigit(frac.charAt(i))) {
                return null;
            }
        }
        return Double.parseDouble("0" + frac);
    }

    /** strtod (decimal forms and inf/nan) from {@code start}. */
    static ParsedDouble strtod(String s, int start) {
        int i = start;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.startsWith("inf") || rest.startsWith("nan")) {
            int len = rest.startsWith("infinity") ? 8 : 3;
            double v = rest.startsWith("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
            return new ParsedDouble(s.charAt(start) == '-' ? -v : v, i + len);
        }
        int mantStart = i;
        int digits = 0;
        while (i < s.length() && DateTimeParser.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && DateTimeParser.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return new ParsedDouble(0, start);
        }
        i = exponent(s, i);
        String num = s.substring(start, i);
        if (num.endsWith(".")) {
            num = num + "0";
        }
        if (mantStart < s.length() && s.charAt(mantStart) == '.') {
            num = num.substring(0, mantStart - start) + "0" + num.substring(mantStart - start);
        }
        return new ParsedDouble(Double.parseDouble(num), i);
    }

    private static int exponent(String s, int i) {
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int k = j;
            while (k < s.length() && DateTimeParser.isDigit(s.charAt(k))) {
                k++;
            }
            if (k > j) {
                return k;
            }
        }
        return i;
    }
}
