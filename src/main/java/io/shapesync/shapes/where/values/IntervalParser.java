package io.shapesync.shapes.where.values;

import io.shapesync.shapes.where.values.DateTimeTokenizer.Field;
import io.shapesync.shapes.where.values.DateTimeTokenizer.Type;
import java.util.List;

/**
 * Postgres' {@code interval_in}: the traditional verbose form ({@code DecodeInterval}: "1 day 02:00:00",
 * "@ 1 hour ago", SQL-standard "1-2" and "3 4:05:06"), falling back to ISO 8601 ({@link IsoIntervalParser}).
 * Behaviour is that of Postgres 15 with IntervalStyle other than sql_standard.
 */
public final class IntervalParser {
    static final int BAD_FORMAT = 1;
    static final int FIELD_OVERFLOW = 2;

    private final IntervalFields itm = new IntervalFields();
    private int fmask;
    private int type = IntervalUnits.IGNORE;
    private boolean isBefore;

    private IntervalParser() {
    }

    /** Parses interval text; IllegalArgumentException with Postgres' message on bad input. */
    public static Interval parse(String text) {
        int err;
        IntervalFields fields;
        List<Field> tokens = DateTimeTokenizer.tokenize(text);
        IntervalParser p = new IntervalParser();
        err = tokens == null ? BAD_FORMAT : p.decode(tokens);
        fields = p.itm;
        if (err == BAD_FORMAT) {
            fields = new IntervalFields();
            err = new IsoIntervalParser(text, fields).decode();
        }
        if (err == BAD_FORMAT) {
            throw new IllegalArgumentException("invalid input syntax for type interval: \"" + text + "\"");
        }
        if (err == FIELD_OVERFLOW) {
            throw new IllegalArgumentException("interval field value out of range: \"" + text + "\"");
        }
        Interval iv = fields.toInterval();
        if (iv == null) {
            throw new IllegalArgumentException("interval out of range");
        }
        return iv;
    }

    private int decode(List<Field> fields) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            Field f = fields.get(i);
            int err = switch (f.type()) {
                case TIME -> time(f.text(), false);
                case TZ -> signed(f.text());
                case DATE, NUMBER -> number(f.text());
                case STRING, SPECIAL -> unit(f.text());
            };
            if (err != 0) {
                return err;
            }
        }
        if (fmask == 0) {
            return BAD_FORMAT;
        }
        if (isBefore) {
            if (itm.usec == Long.MIN_VALUE || itm.mday == Integer.MIN_VALUE || itm.mon == Integer.MIN_VALUE
                || itm.year == Integer.MIN_VALUE) {
                return FIELD_OVERFLOW;
            }
            itm.usec = -itm.usec;
            itm.mday = -itm.mday;
            itm.mon = -itm.mon;
            itm.year = -itm.year;
        }
        return 0;
    }

    private int mask(int tmask) {
        if ((tmask & fmask) != 0) {
            return BAD_FORMAT;
        }
        fmask |= tmask;
        return 0;
    }

    private int time(String text, boolean negate) {
        long[] t = new long[1];
        int err = IntervalTime.decode(text, t);
        if (err != 0) {
            return err;
        }
        itm.usec = t[0];
        if (negate) {
            if (itm.usec == Long.MIN_VALUE) {
                return FIELD_OVERFLOW;
            }
            itm.usec = -itm.usec;
        }
        type = IntervalUnits.DAY;
        return mask(IntervalUnits.TIME_MASK);
    }

    private int signed(String text) {
        if (text.indexOf(':', 1) >= 0) {
            long[] t = new long[1];
            if (IntervalTime.decode(text.substring(1), t) == 0) {
                return time(text.substring(1), text.charAt(0) == '-');
            }
        }
        return number(text);
    }

    private int unit(String text) {
        int[] uval = new int[1];
        int kind = IntervalUnits.decode(text, uval);
        switch (kind) {
            case IntervalUnits.KIND_UNITS -> type = uval[0];
            case IntervalUnits.KIND_AGO -> {
                isBefore = true;
                type = 0;
            }
            case IntervalUnits.KIND_IGNORE -> type = IntervalUnits.IGNORE;
            default -> {
                return BAD_FORMAT;
            }
        }
        return 0;
    }

    private int number(String text) {
        if (type == IntervalUnits.IGNORE) {
            type = IntervalUnits.SECOND;
        }
        CNumbers.Parsed v = CNumbers.strtol(text, 0);
        if (v.overflow()) {
            return FIELD_OVERFLOW;
        }
        long val = v.value();
        int cp = v.end();
        double fval;
        if (cp < text.length() && text.charAt(cp) == '-') {
            CNumbers.Parsed v2 = CNumbers.strtol(text, cp + 1);
            if (v2.overflow() || v2.value() != (int) v2.value() || v2.value() < 0 || v2.value() >= 12) {
                return FIELD_OVERFLOW;
            }
            if (v2.end() != text.length()) {
                return BAD_FORMAT;
            }
            type = IntervalUnits.MONTH;
            long val2 = text.charAt(0) == '-' ? -v2.value() : v2.value();
            try {
                val = Math.addExact(Math.multiplyExact(val, 12), val2);
            } catch (ArithmeticException e) {
                return FIELD_OVERFLOW;
            }
            fval = 0;
        } else if (cp < text.length() && text.charAt(cp) == '.') {
            Double frac = CNumbers.parseFraction(text.substring(cp));
            if (frac == null) {
                return BAD_FORMAT;
            }
            fval = text.charAt(0) == '-' ? -frac : frac;
        } else if (cp == text.length()) {
            fval = 0;
        } else {
            return BAD_FORMAT;
        }
        return applyUnit(val, fval);
    }

    private int applyUnit(long val, double fval) {
        int tmask = IntervalUnits.mask(type, fval);
        boolean ok = switch (type) {
            case IntervalUnits.MICROSEC -> itm.microseconds(val, fval, 1);
            case IntervalUnits.MILLISEC -> itm.microseconds(val, fval, 1000);
            case IntervalUnits.SECOND -> itm.microseconds(val, fval, Calendar.USECS_PER_SEC);
            case IntervalUnits.MINUTE -> itm.microseconds(val, fval, Calendar.USECS_PER_MINUTE);
            case IntervalUnits.HOUR -> itm.microseconds(val, fval, Calendar.USECS_PER_HOUR);
            case IntervalUnits.DAY -> itm.days(val, 1) && itm.fractMicroseconds(fval, Calendar.USECS_PER_DAY);
            case IntervalUnits.WEEK -> itm.days(val, 7) && itm.fractDays(fval, 7);
            case IntervalUnits.MONTH -> itm.months(val) && itm.fractDays(fval, 30);
            case IntervalUnits.YEAR -> itm.years(val, 1) && itm.fractYears(fval, 1);
            case IntervalUnits.DECADE -> itm.years(val, 10) && itm.fractYears(fval, 10);
            case IntervalUnits.CENTURY -> itm.years(val, 100) && itm.fractYears(fval, 100);
            case IntervalUnits.MILLENNIUM -> itm.years(val, 1000) && itm.fractYears(fval, 1000);
            default -> {
                tmask = -1;
                yield true;
            }
        };
        if (tmask == -1) {
            return BAD_FORMAT;
        }
        if (!ok) {
            return FIELD_OVERFLOW;
        }
        if (type == IntervalUnits.HOUR) {
            type = IntervalUnits.DAY;
        }
        return mask(tmask);
    }
}
