package io.shapesync.shapes.where.values;

import java.util.Locale;
import java.util.Set;

/**
 * Parses the ISO 8601 date/time literals Postgres accepts (and everything it outputs with DateStyle ISO) into
 * broken-down fields, applying Postgres' validation and messages ({@code DecodeDateTime}, {@code DecodeTime},
 * {@code DecodeTimezone}, {@code ValidateDate}). Other forms Postgres might accept (month names, time zone names,
 * special values such as {@code now}) are rejected as unsupported.
 */
final class DateTimeParser {
    /** What the text is parsed as: decides which parts are required. */
    enum Kind {
        DATE("date"), TIME("time"), TIMESTAMP("timestamp"), TIMESTAMPTZ("timestamp with time zone");

        final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }
    }

    private static final Set<String> SPECIALS = Set.of("now", "today", "tomorrow", "yesterday", "epoch", "allballs");
    private static final Set<String> UTC_NAMES = Set.of("z", "utc", "gmt");

    private final String text;
    private final String lower;
    private final Kind kind;
    private int pos;
    private final DateTimeFields f = new DateTimeFields();

    private DateTimeParser(String text, Kind kind) {
        this.text = text;
        this.lower = text.toLowerCase(Locale.ROOT);
        this.kind = kind;
    }

    /** Parses {@code text}; throws IllegalArgumentException with Postgres' message or an "unsupported" one. */
    static DateTimeFields parse(String text, Kind kind) {
        DateTimeParser p = new DateTimeParser(text, kind);
        p.scan();
        p.validate();
        return p.f;
    }

    private void scan() {
        String word = lower.strip();
        if (word.equals("infinity") || word.equals("-infinity")) {
            if (kind == Kind.TIME) {
                throw syntax();
            }
            f.infinity = word.startsWith("-") ? -1 : 1;
            return;
        }
        if (SPECIALS.contains(word)) {
            throw new IllegalArgumentException("special " + kind.sqlName + " value \"" + word
                + "\" is not supported in where clauses");
        }
        skipSpace();
        boolean dateNext = kind != Kind.TIME || looksLikeDate();
        if (dateNext) {
            scanDate();
            scanEra();
            if (scanTimeSeparator()) {
                scanTime();
            } else if (kind == Kind.TIME) {
                throw syntax();
            }
        } else {
            scanTime();
        }
        skipSpace();
        scanZone();
        scanEra();
        skipSpace();
        if (pos < text.length()) {
            throw unexpected();
        }
    }

    private boolean looksLikeDate() {
        int i = pos;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i > pos && i < text.length() && text.charAt(i) == '-';
    }

    private void scanDate() {
        int start = pos;
        long year = digits();
        if (pos - start < 3) {
            throw pos == start ? unexpected() : new IllegalArgumentException("years of fewer than 3 digits (\""
                + text + "\") are not supported in where clauses: write ISO dates such as 2024-05-01");
        }
        expect('-');
        long month = digits();
        expect('-');
        long day = digits();
        f.year = year;
        f.month = month;
        f.day = day;
        f.hasDate = true;
    }

    private void scanEra() {
        int save = pos;
        skipSpace();
        if (lower.startsWith("bc", pos) && !letterAt(pos + 2)) {
            f.bc = true;
            pos += 2;
        } else if (lower.startsWith("ad", pos) && !letterAt(pos + 2)) {
            pos += 2;
        } else {
            pos = save;
        }
    }

    private boolean scanTimeSeparator() {
        int save = pos;
        if (pos < text.length() && lower.charAt(pos) == 't') {
            pos++;
        } else {
            skipSpace();
        }
        if (pos < text.length() && isDigit(text.charAt(pos))) {
            return true;
        }
        pos = save;
        return false;
    }

    private void scanTime() {
        long hour = digits();
        expect(':');
        long min = digits();
        long sec = 0;
        String frac = null;
        if (peek() == ':') {
            pos++;
            sec = digits();
            if (peek() == '.') {
                frac = fraction();
            }
        } else if (peek() == '.') {
            // Postgres reads "mm:ss.fff" when only two fields have a fraction
            frac = fraction();
            sec = min;
            min = hour;
            hour = 0;
        }
        f.hour = hour;
        f.minute = min;
        f.second = sec;
        f.fsec = frac == null ? 0 : fractionMicros(frac);
        f.hasTime = true;
        checkTime();
    }

    /** Postgres' ParseFractionalSecond: rint(strtod(".ddd") * 1e6). */
    static long fractionMicros(String frac) {
        if (frac.length() <= 1) {
            return 0;
        }
        return (long) Math.rint(Double.parseDouble("0" + frac) * 1_000_000.0);
    }

    private String fraction() {
        int start = pos;
        pos++;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void checkTime() {
        if (f.minute > 59 || f.second > 60 || f.fsec > Calendar.USECS_PER_SEC) {
            throw fieldOverflow();
        }
    }

    private void scanZone() {
        if (pos >= text.length()) {
            return;
        }
        char c = text.charAt(pos);
        if (c == '-' && !f.hasTime && pos > 0 && isDigit(text.charAt(pos - 1))) {
            // Postgres reads "2024-05-01-05" as one (invalid) date field
            throw syntax();
        }
        if (c == '+' || c == '-') {
            int start = pos;
            pos++;
            while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == ':')) {
                pos++;
            }
            f.tzOffsetSeconds = NumericOffset.decode(text.substring(start, pos), text, syntax());
            return;
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "/_+-:".indexOf(
                text.charAt(pos)) >= 0)) {
                pos++;
            }
            String name = lower.substring(start, pos);
            if (UTC_NAMES.contains(name)) {
                f.tzOffsetSeconds = 0;
            } else if (name.equals("bc") || name.equals("ad")) {
                pos = start;
            } else {
                throw new IllegalArgumentException("time zone \"" + text.substring(start, pos) + "\" in " + kind.sqlName
                    + " input is not supported in where clauses (use UTC, Z or a numeric offset such as +02:00)");
            }
        }
    }

    private void validate() {
        if (f.infinity != 0) {
            return;
        }
        if (f.hasDate) {
            validateDate();
        }
        if (f.hour > 24 || (f.hour == 24 && (f.minute > 0 || f.second > 0 || f.fsec > 0))) {
            throw fieldOverflow();
        }
    }

    private void validateDate() {
        if (f.year <= 0 || f.year > Integer.MAX_VALUE) {
            throw fieldOverflow();
        }
        if (f.bc) {
            f.year = -(f.year - 1);
        }
        if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31) {
            throw fieldOverflow();
        }
        if (f.day > Calendar.daysInMonth((int) f.year, (int) f.month)) {
            throw fieldOverflow();
        }
    }

    private long digits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw unexpected();
        }
        return toLong(text.substring(start, pos), "date/time field value out of range: \"" + text + "\"");
    }

    static long toLong(String digits, String overflowMessage) {
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(overflowMessage);
        }
        return Long.parseLong(digits);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw unexpected();
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean letterAt(int i) {
        return i < text.length() && Character.isLetter(text.charAt(i));
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private IllegalArgumentException unexpected() {
        for (int i = pos; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return new IllegalArgumentException("invalid or unsupported input for type " + kind.sqlName + ": \""
                    + text + "\" (where clauses accept ISO 8601 forms such as 2024-05-01 10:00:00+02)");
            }
        }
        return syntax();
    }

    private IllegalArgumentException syntax() {
        return new IllegalArgumentException("invalid input syntax for type " + kind.sqlName + ": \"" + text + "\"");
    }

    private IllegalArgumentException fieldOverflow() {
        return new IllegalArgumentException("date/time field value out of range: \"" + text + "\"");
    }
}
