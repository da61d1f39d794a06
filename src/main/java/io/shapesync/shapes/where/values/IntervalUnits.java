package io.shapesync.shapes.where.values;

import java.util.HashMap;
import java.util.Map;

/** Postgres' interval unit keywords ({@code deltatktbl}, {@code DecodeUnits}) and field masks. */
final class IntervalUnits {
    static final int IGNORE = -1;
    static final int MICROSEC = 1;
    static final int MILLISEC = 2;
    static final int SECOND = 3;
    static final int MINUTE = 4;
    static final int HOUR = 5;
    static final int DAY = 6;
    static final int WEEK = 7;
    static final int MONTH = 8;
    static final int YEAR = 9;
    static final int DECADE = 10;
    static final int CENTURY = 11;
    static final int MILLENNIUM = 12;
    /** Units Postgres knows but DecodeInterval rejects (quarter, timezone...). */
    static final int OTHER = 13;

    static final int KIND_UNKNOWN = 0;
    static final int KIND_UNITS = 1;
    static final int KIND_AGO = 2;
    static final int KIND_IGNORE = 3;

    static final int ALL_SECS_MASK = bit(SECOND) | bit(MILLISEC) | bit(MICROSEC);
    static final int TIME_MASK = bit(HOUR) | bit(MINUTE) | ALL_SECS_MASK;

    private static final Map<String, Integer> UNITS = new HashMap<>();

    static {
        put(MICROSEC, "microsecon", "us", "usec", "usecond", "useconds", "usecs");
        put(MILLISEC, "millisecon", "ms", "msec", "msecond", "mseconds", "msecs");
        put(SECOND, "s", "sec", "second", "seconds", "secs");
        put(MINUTE, "m", "min", "mins", "minute", "minutes");
        put(HOUR, "h", "hour", "hours", "hr", "hrs");
        put(DAY, "d", "day", "days");
        put(WEEK, "w", "week", "weeks");
        put(MONTH, "mon", "mons", "month", "months");
        put(YEAR, "y", "year", "years", "yr", "yrs");
        put(DECADE, "dec", "decade", "decades", "decs");
        put(CENTURY, "c", "cent", "centuries", "century");
        put(MILLENNIUM, "mil", "millennia", "millennium", "mils");
        put(OTHER, "qtr", "quarter", "timezone", "timezone_h", "timezone_m");
    }

    private IntervalUnits() {
    }

    private static void put(int unit, String... names) {
        for (String n : names) {
            UNITS.put(n, unit);
        }
    }

    private static int bit(int unit) {
        return 1 << unit;
    }

    /** DecodeUnits on a lower-case token (compared on its first 10 characters, as Postgres does). */
    static int decode(String token, int[] uval) {
        String key = token.length() > 10 ? token.substring(0, 10) : token;
        if (key.equals("@")) {
            return KIND_IGNORE;
        }
        if (key.equals("ago")) {
            return KIND_AGO;
        }
        Integer unit = UNITS.get(key);
        if (unit == null) {
            return KIND_UNKNOWN;
        }
        uval[0] = unit;
        return KIND_UNITS;
    }

    /** The field mask a number with this unit claims. */
    static int mask(int unit, double fval) {
        if (unit == SECOND && fval != 0) {
            return ALL_SECS_MASK;
        }
        return bit(unit);
    }
}
