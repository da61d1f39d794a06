package io.shapesync.shapes.where.values;

/**
 * Date, time, timestamp, timestamptz and interval values with Postgres semantics, for a session with
 * {@code DateStyle='ISO, DMY'}, {@code TimeZone='UTC'}, {@code IntervalStyle='iso_8601'}.
 * <p>
 * Representations (Postgres' own): date = days since 2000-01-01 as int ({@link #DATE_NEG_INFINITY},
 * {@link #DATE_POS_INFINITY}); time = microseconds since midnight; timestamp and timestamptz = microseconds since
 * 2000-01-01 00:00:00 (UTC for timestamptz) as long ({@link #TS_NEG_INFINITY}, {@link #TS_POS_INFINITY});
 * interval = {@link Interval}. Ordering of date/time/timestamp values is the natural order of these numbers.
 * <p>
 * Parsing accepts everything Postgres' text output produces with the settings above, and the common ISO input forms
 * for literals; other input Postgres might accept is rejected with {@link IllegalArgumentException} whose message
 * says what is not supported (the where clause then gets a 400). Values Postgres rejects (invalid date, out of range)
 * throw {@link IllegalArgumentException} with Postgres' message (e.g. {@code date/time field value out of range}).
 * Arithmetic that overflows throws {@link ArithmeticException} with Postgres' message.
 * <p>
 * Interval input is Postgres 15's full {@code interval_in} ({@link IntervalParser}). Time zones for
 * {@code timezone(zone, ...)} are described at {@link TimeZones}.
 */
public final class Temporal {
    public static final int DATE_NEG_INFINITY = Integer.MIN_VALUE;
    public static final int DATE_POS_INFINITY = Integer.MAX_VALUE;
    public static final long TS_NEG_INFINITY = Long.MIN_VALUE;
    public static final long TS_POS_INFINITY = Long.MAX_VALUE;

    private Temporal() {
    }

    // ---- input / output ----

    /** date_in: ISO dates ("2024-05-01", "0044-03-15 BC", "infinity"); a time part is allowed and ignored. */
    public static int parseDate(String text) {
        DateTimeFields f = DateTimeParser.parse(text, DateTimeParser.Kind.DATE);
        if (f.infinity != 0) {
            return f.infinity > 0 ? DATE_POS_INFINITY : DATE_NEG_INFINITY;
        }
        if (!Calendar.isValidJulian((int) f.year, (int) f.month)) {
            throw new IllegalArgumentException("date out of range: \"" + text + "\"");
        }
        long date = (long) Calendar.date2j((int) f.year, (int) f.month, (int) f.day) - Calendar.POSTGRES_EPOCH_JDATE;
        if (!Calendar.isValidDate(date)) {
            throw new IllegalArgumentException("date out of range: \"" + text + "\"");
        }
        return (int) date;
    }

    /** date_out. */
    public static String formatDate(int date) {
        return DateTimeFormat.date(date);
    }

    /** time_in: "10:00", "10:00:00.123456", "24:00:00"; a date prefix or an offset suffix is ignored. */
    public static long parseTime(String text) {
        return DateTimeParser.parse(text, DateTimeParser.Kind.TIME).timeOfDay();
    }

    /** time_out. */
    public static String formatTime(long time) {
        return DateTimeFormat.time(time);
    }

    /** timestamp_in; an offset in the text is validated and ignored, as Postgres does. */
    public static long parseTimestamp(String text) {
        return toTimestamp(text, DateTimeParser.parse(text, DateTimeParser.Kind.TIMESTAMP), 0);
    }

    /** timestamp_out. */
    public static String formatTimestamp(long ts) {
        return DateTimeFormat.timestamp(ts, false);
    }

    /** timestamptz_in: the text's offset (or UTC, the session zone) converts to UTC. */
    public static long parseTimestamptz(String text) {
        DateTimeFields f = DateTimeParser.parse(text, DateTimeParser.Kind.TIMESTAMPTZ);
        return toTimestamp(text, f, f.tzOffsetSeconds == null ? 0 : f.tzOffsetSeconds);
    }

    private static long toTimestamp(String text, DateTimeFields f, int offsetSeconds) {
        if (f.infinity != 0) {
            return f.infinity > 0 ? TS_POS_INFINITY : TS_NEG_INFINITY;
        }
        try {
            return Calendar.tm2timestamp((int) f.year, (int) f.month, (int) f.day, f.timeOfDay(), offsetSeconds);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp out of range: \"" + text + "\"");
        }
    }

    /** timestamptz_out with TimeZone UTC ("2024-05-01 10:00:00.123+00"). */
    public static String formatTimestamptz(long ts) {
        return DateTimeFormat.timestamp(ts, true);
    }

    /** interval_in (Postgres 15). */
    public static Interval parseInterval(String text) {
        return IntervalParser.parse(text);
    }

    /** interval_out with IntervalStyle iso_8601. */
    public static String formatInterval(Interval iv) {
        return IntervalFormat.iso8601(iv);
    }

    // ---- casts ----

    /** date::timestamp; ArithmeticException "date out of range for timestamp" past 294276 AD. */
    public static long dateToTimestamp(int date) {
        return TemporalArithmetic.dateToTimestamp(date);
    }

    /** timestamp::date. */
    public static int timestampToDate(long ts) {
        return TemporalArithmetic.timestampToDate(ts);
    }

    /**
     * timestamp::time. Postgres returns SQL NULL for infinite timestamps, which a long cannot hold: those throw
     * IllegalArgumentException, callers wanting NULL must check {@code ts} first.
     */
    public static long timestampToTime(long ts) {
        if (ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY) {
            throw new IllegalArgumentException("infinite timestamp has no time (Postgres yields NULL)");
        }
        return Math.floorMod(ts, Calendar.USECS_PER_DAY);
    }

    /** timestamp → timestamptz and back are the identity with TimeZone UTC. */
    public static long timestampToTimestamptz(long ts) {
        return ts;
    }

    /** timestamptz → timestamp: the identity with TimeZone UTC. */
    public static long timestamptzToTimestamp(long ts) {
        return ts;
    }

    /** time::interval. */
    public static Interval timeToInterval(long time) {
        return new Interval(0, 0, time);
    }

    /** interval::time: the time part modulo 24 h (months and days are ignored), as Postgres 15's interval_time. */
    public static long intervalToTime(Interval iv) {
        long result = iv.micros();
        if (result >= Calendar.USECS_PER_DAY) {
            result -= result / Calendar.USECS_PER_DAY * Calendar.USECS_PER_DAY;
        } else if (result < 0) {
            // written as Postgres does, including its wrap-around for the most negative interval
            long days = (-result + Calendar.USECS_PER_DAY - 1) / Calendar.USECS_PER_DAY;
            result += days * Calendar.USECS_PER_DAY;
        }
        return result;
    }

    // ---- arithmetic (Postgres operators) ----

    /** date + int4 / date - int4 (pass a negative count). */
    public static int datePlusDays(int date, long days) {
        return TemporalArithmetic.datePlusDays(date, days);
    }

    /** date - date = int4 days. */
    public static int dateMinusDate(int a, int b) {
        return TemporalArithmetic.dateMinusDate(a, b);
    }

    /** date + time = timestamp. */
    public static long datePlusTime(int date, long time) {
        return TemporalArithmetic.datePlusTime(date, time);
    }

    /** timestamp + interval (also timestamptz with TimeZone UTC; date + interval goes through timestamp). */
    public static long timestampPlusInterval(long ts, Interval iv) {
        return TemporalArithmetic.timestampPlusInterval(ts, iv);
    }

    /** timestamp - interval (the interval is negated without overflow check, as Postgres 15 does). */
    public static long timestampMinusInterval(long ts, Interval iv) {
        return TemporalArithmetic.timestampPlusInterval(ts, new Interval(-iv.months(), -iv.days(), -iv.micros()));
    }

    /** timestamp - timestamp = interval (days and time, hours justified as Postgres does). */
    public static Interval timestampMinusTimestamp(long a, long b) {
        return TemporalArithmetic.timestampMinusTimestamp(a, b);
    }

    /** time ± interval wraps around midnight. */
    public static long timePlusInterval(long time, Interval iv) {
        return TemporalArithmetic.timePlusMicros(time, iv.micros());
    }

    /** time - interval wraps around midnight. */
    public static long timeMinusInterval(long time, Interval iv) {
        return TemporalArithmetic.timePlusMicros(time, -iv.micros());
    }

    /** time - time = interval. */
    public static Interval timeMinusTime(long a, long b) {
        return new Interval(0, 0, a - b);
    }

    /** interval + interval. */
    public static Interval intervalPlus(Interval a, Interval b) {
        return IntervalArithmetic.plus(a, b);
    }

    /** interval - interval. */
    public static Interval intervalMinus(Interval a, Interval b) {
        return IntervalArithmetic.minus(a, b);
    }

    /** - interval. */
    public static Interval intervalNegate(Interval a) {
        return IntervalArithmetic.negate(a);
    }

    /** interval * float8 (interval_mul). */
    public static Interval intervalMultiply(Interval a, double factor) {
        return IntervalArithmetic.multiply(a, factor);
    }

    /** interval / float8 (interval_div); ArithmeticException "division by zero" for 0. */
    public static Interval intervalDivide(Interval a, double divisor) {
        return IntervalArithmetic.divide(a, divisor);
    }

    /** justify_days. */
    public static Interval justifyDays(Interval a) {
        return IntervalArithmetic.justifyDays(a);
    }

    /** justify_hours. */
    public static Interval justifyHours(Interval a) {
        return IntervalArithmetic.justifyHours(a);
    }

    /** justify_interval. */
    public static Interval justifyInterval(Interval a) {
        return IntervalArithmetic.justifyInterval(a);
    }

    /** timezone(zone, timestamptz) = timestamp: the wall-clock time in {@code zone}. */
    public static long timezoneOfTimestamptz(String zone, long tstz) {
        return TimeZones.toLocal(zone, tstz);
    }

    /** timezone(zone, timestamp) = timestamptz: the instant when the wall clock in {@code zone} showed {@code ts}. */
    public static long timezoneOfTimestamp(String zone, long ts) {
        return TimeZones.fromLocal(zone, ts);
    }
}
