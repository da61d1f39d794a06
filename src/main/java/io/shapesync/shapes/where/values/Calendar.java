package io.shapesync.shapes.where.values;

/**
 * Postgres' calendar arithmetic (proleptic Gregorian, Julian day numbers) and the range limits of its date/time
 * types, as in {@code datetime.c} and {@code datatype/timestamp.h}.
 */
public final class Calendar {
    /** Julian day of 2000-01-01, the origin of date and timestamp values. */
    public static final int POSTGRES_EPOCH_JDATE = 2451545;
    public static final long USECS_PER_SEC = 1_000_000L;
    public static final long USECS_PER_MINUTE = 60_000_000L;
    public static final long USECS_PER_HOUR = 3_600_000_000L;
    public static final long USECS_PER_DAY = 86_400_000_000L;
    /** First valid timestamp (4714-11-24 00:00:00 BC). */
    public static final long MIN_TIMESTAMP = -211_813_488_000_000_000L;
    /** First timestamp past the valid range (294277-01-01 00:00:00). */
    public static final long END_TIMESTAMP = 9_223_371_331_200_000_000L;
    /** Julian day of 294277-01-01. */
    public static final int TIMESTAMP_END_JULIAN = 109_203_528;
    /** Julian day of 5874898-01-01. */
    public static final int DATE_END_JULIAN = 2_147_483_494;

    private static final int[][] DAY_TAB = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    };

    private Calendar() {
    }

    /** Whether the (astronomical) year is a leap year. */
    public static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Number of days in a month (1-12) of an astronomical year. */
    public static int daysInMonth(int year, int month) {
        return DAY_TAB[isLeap(year) ? 1 : 0][month - 1];
    }

    /** Julian day number of a date; year is astronomical (0 = 1 BC). */
    public static int date2j(int year, int month, int day) {
        int y = year;
        int m = month;
        if (m > 2) {
            m += 1;
            y += 4800;
        } else {
            m += 13;
            y += 4799;
        }
        int century = y / 100;
        int julian = y * 365 - 32167;
        julian += y / 4 - century + century / 4;
        julian += 7834 * m / 256 + day;
        return julian;
    }

    /** Inverse of {@link #date2j}: {year, month, day} of a non-negative Julian day. */
    public static int[] j2date(int jd) {
        long julian = Integer.toUnsignedLong(jd) + 32044;
        long quad = julian / 146097;
        long extra = (julian - quad * 146097) * 4 + 3;
        julian += 60 + quad * 3 + extra / 146097;
        quad = julian / 1461;
        julian -= quad * 1461;
        long y = julian * 4 / 1461;
        julian = (y != 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123;
        y += quad * 4;
        long q = julian * 2141 / 65536;
        int day = (int) (julian - 7834 * q / 256);
        int month = (int) ((q + 10) % 12 + 1);
        return new int[] {(int) (y - 4800), month, day};
    }

    /** Postgres' IS_VALID_JULIAN: whether date2j can be applied safely. */
    public static boolean isValidJulian(int year, int month) {
        return (year > -4713 || (year == -4713 && month >= 11))
            && (year < 5874898 || (year == 5874898 && month < 6));
    }

    /** Whether a date value (days since 2000-01-01) is in Postgres' date range. */
    public static boolean isValidDate(long date) {
        return -POSTGRES_EPOCH_JDATE <= date && date < DATE_END_JULIAN - POSTGRES_EPOCH_JDATE;
    }

    /** Whether a timestamp value is in Postgres' timestamp range. */
    public static boolean isValidTimestamp(long ts) {
        return MIN_TIMESTAMP <= ts && ts < END_TIMESTAMP;
    }

    /** Microseconds of a time of day (no range check, as Postgres' time2t). */
    public static long time2t(long hour, long min, long sec, long fsec) {
        return ((hour * 60 + min) * 60 + sec) * USECS_PER_SEC + fsec;
    }

    /**
     * Broken-down timestamp: {year, month, day, hour, minute, second, microsecond}; year astronomical.
     * Throws ArithmeticException("timestamp out of range") where Postgres' timestamp2tm fails.
     */
    public static long[] timestamp2tm(long ts) {
        long date = Math.floorDiv(ts, USECS_PER_DAY);
        long time = ts - date * USECS_PER_DAY;
        date += POSTGRES_EPOCH_JDATE;
        if (date < 0 || date > Integer.MAX_VALUE) {
            throw new ArithmeticException("timestamp out of range");
        }
        int[] ymd = j2date((int) date);
        long hour = time / USECS_PER_HOUR;
        time -= hour * USECS_PER_HOUR;
        long min = time / USECS_PER_MINUTE;
        time -= min * USECS_PER_MINUTE;
        long sec = time / USECS_PER_SEC;
        long usec = time - sec * USECS_PER_SEC;
        return new long[] {ymd[0], ymd[1], ymd[2], hour, min, sec, usec};
    }

    /**
     * Postgres' tm2timestamp without time zone: returns the timestamp or throws
     * ArithmeticException("timestamp out of range").
     */
    public static long tm2timestamp(int year, int month, int day, long timeOfDay) {
        return tm2timestamp(year, month, day, timeOfDay, 0);
    }

    /** tm2timestamp with a UTC offset (seconds east) subtracted before the final range check. */
    public static long tm2timestamp(int year, int month, int day, long timeOfDay, int offsetSeconds) {
        if (!isValidJulian(year, month)) {
            throw new ArithmeticException("timestamp out of range");
        }
        long date = (long) date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
        long result;
        try {
            result = Math.addExact(Math.multiplyExact(date, USECS_PER_DAY), timeOfDay);
            result = Math.subtractExact(result, offsetSeconds * USECS_PER_SEC);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("timestamp out of range");
        }
        if (!isValidTimestamp(result)) {
            throw new ArithmeticException("timestamp out of range");
        }
        return result;
    }
}
