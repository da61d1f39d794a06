package io.shapesync.shapes.where.values;

/** Postgres' {@code DecodeISO8601Interval}: "P1Y2M3DT4H5M6.5S", "P0001-02-03T04:05:06" and basic forms. */
final class IsoIntervalParser {
    private static final int OK = 0;
    private static final int BAD = IntervalParser.BAD_FORMAT;
    private static final int OVERFLOW = IntervalParser.FIELD_OVERFLOW;

    private final String str;
    private final IntervalFields itm;
    private int p;
    private long val;
    private double fval;

    IsoIntervalParser(String str, IntervalFields itm) {
        this.str = str;
        this.itm = itm;
    }

    private char at(int i) {
        return i < str.length() ? str.charAt(i) : '\0';
    }

    /** Returns 0, BAD_FORMAT or FIELD_OVERFLOW; fills the fields. */
    int decode() {
        if (str.length() < 2 || str.charAt(0) != 'P') {
            return BAD;
        }
        p = 1;
        boolean datepart = true;
        boolean havefield = false;
        while (p < str.length()) {
            if (str.charAt(p) == 'T') {
                datepart = false;
                havefield = false;
                p++;
                continue;
            }
            int fieldstart = p;
            int err = number();
            if (err != OK) {
                return err;
            }
            char unit = at(p++);
            int r = datepart ? datePart(unit, fieldstart, havefield) : timePart(unit, fieldstart, havefield);
            if (r == CONTINUE_TIME) {
                datepart = false;
                havefield = false;
                continue;
            }
            if (r != NEXT) {
                return r;
            }
            havefield = true;
        }
        return OK;
    }

    private static final int NEXT = -1;
    private static final int CONTINUE_TIME = -2;

    private int datePart(char unit, int fieldstart, boolean havefield) {
        switch (unit) {
            case 'Y':
                return ok(itm.years(val, 1) && itm.fractYears(fval, 1));
            case 'M':
                return ok(itm.months(val) && itm.fractDays(fval, 30));
            case 'W':
                return ok(itm.days(val, 7) && itm.fractDays(fval, 7));
            case 'D':
                return ok(itm.days(val, 1) && itm.fractMicroseconds(fval, Calendar.USECS_PER_DAY));
            case 'T':
            case '\0':
                if (integerWidth(fieldstart) == 8 && !havefield) {
                    if (!(itm.years(val / 10000, 1) && itm.months((val / 100) % 100) && itm.days(val % 100, 1)
                        && itm.fractDays(fval, 1))) {
                        return OVERFLOW;
                    }
                    return unit == '\0' ? OK : CONTINUE_TIME;
                }
                return alternativeDate(unit, havefield);
            case '-':
                return alternativeDate(unit, havefield);
            default:
                return BAD;
        }
    }

    private int alternativeDate(char unit, boolean havefield) {
        if (havefield) {
            return BAD;
        }
        if (!(itm.years(val, 1) && itm.fractYears(fval, 1))) {
            return OVERFLOW;
        }
        if (unit == '\0') {
            return OK;
        }
        if (unit == 'T') {
            return CONTINUE_TIME;
        }
        int err = number();
        if (err != OK) {
            return err;
        }
        if (!(itm.months(val) && itm.fractDays(fval, 30))) {
            return OVERFLOW;
        }
        if (at(p) == '\0') {
            return OK;
        }
        if (at(p) == 'T') {
            p++;
            return CONTINUE_TIME;
        }
        if (at(p) != '-') {
            return BAD;
        }
        p++;
        err = number();
        if (err != OK) {
            return err;
        }
        if (!(itm.days(val, 1) && itm.fractMicroseconds(fval, Calendar.USECS_PER_DAY))) {
            return OVERFLOW;
        }
        if (at(p) == '\0') {
            return OK;
        }
        if (at(p) == 'T') {
            p++;
            return CONTINUE_TIME;
        }
        return BAD;
    }

    private int timePart(char unit, int fieldstart, boolean havefield) {
        switch (unit) {
            case 'H':
                return ok(itm.microseconds(val, fval, Calendar.USECS_PER_HOUR));
            case 'M':
                return ok(itm.microseconds(val, fval, Calendar.USECS_PER_MINUTE));
            case 'S':
                return ok(itm.microseconds(val, fval, Calendar.USECS_PER_SEC));
            case '\0':
                if (integerWidth(fieldstart) == 6 && !havefield) {
                    boolean fine = itm.microseconds(val / 10000, 0, Calendar.USECS_PER_HOUR)
                        && itm.microseconds((val / 100) % 100, 0, Calendar.USECS_PER_MINUTE)
                        && itm.microseconds(val % 100, 0, Calendar.USECS_PER_SEC)
                        && itm.fractMicroseconds(fval, 1);
                    return fine ? OK : OVERFLOW;
                }
                return alternativeTime(unit, havefield);
            case ':':
                return alternativeTime(unit, havefield);
            default:
                return BAD;
        }
    }

    private int alternativeTime(char unit, boolean havefield) {
        if (havefield) {
            return BAD;
        }
        if (!itm.microseconds(val, fval, Calendar.USECS_PER_HOUR)) {
            return OVERFLOW;
        }
        if (unit == '\0') {
            return OK;
        }
        int err = number();
        if (err != OK) {
            return err;
        }
        if (!itm.microseconds(val, fval, Calendar.USECS_PER_MINUTE)) {
            return OVERFLOW;
        }
        if (at(p) == '\0') {
            return OK;
        }
        if (at(p) != ':') {
            return BAD;
        }
        p++;
        err = number();
        if (err != OK) {
            return err;
        }
        if (!itm.microseconds(val, fval, Calendar.USECS_PER_SEC)) {
            return OVERFLOW;
        }
        return at(p) == '\0' ? OK : BAD;
    }

    private static int ok(boolean fine) {
        return fine ? NEXT : OVERFLOW;
    }

    private int integerWidth(int fieldstart) {
        int i = fieldstart;
        if (at(i) == '-') {
            i++;
        }
        int start = i;
        while (DateTimeParser.isDigit(at(i))) {
            i++;
        }
        return i - start;
    }

    /** ParseISO8601Number: strtod, split into integral and fractional parts. */
    private int number() {
        char c = at(p);
        if (!(DateTimeParser.isDigit(c) || c == '-' || c == '.')) {
            return BAD;
        }
        CNumbers.ParsedDouble d = CNumbers.strtod(str, p);
        if (d.end() == p) {
            return BAD;
        }
        double v = d.value();
        if (Double.isNaN(v) || v < -9.223372036854775808E18 || v > 9.223372036854775807E18) {
            return OVERFLOW;
        }
        p = d.end();
        val = v >= 0 ? (long) Math.floor(v) : -(long) Math.floor(-v);
        fval = v - val;
        return OK;
    }
}
