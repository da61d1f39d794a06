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
 */
public final class Temporal {
    public static final int DATE_NEG_INFINITY = Integer.MIN_VALUE;
    public static final int DATE_POS_INFINITY = Integer.MAX_VALUE;
    public static final long TS_NEG_INFINITY = Long.MIN_VALUE;
    public static final long TS_POS_INFINITY = Long.MAX_VALUE;

    private Temporal() {
    }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("not implemented yet");
    }

    // ---- input / output ----
    public static int parseDate(String text) { throw todo(); }
    public static String formatDate(int date) { throw todo(); }
    public static long parseTime(String text) { throw todo(); }
    public static String formatTime(long time) { throw todo(); }
    public static long parseTimestamp(String text) { throw todo(); }
    public static String formatTimestamp(long ts) { throw todo(); }
    public static long parseTimestamptz(String text) { throw todo(); }
    public static String formatTimestamptz(long ts) { throw todo(); }
    public static Interval parseInterval(String text) { throw todo(); }
    public static String formatInterval(Interval iv) { throw todo(); }

    // ---- casts ----
    public static long dateToTimestamp(int date) { throw todo(); }
    public static int timestampToDate(long ts) { throw todo(); }
    public static long timestampToTime(long ts) { throw todo(); }
    /** timestamp → timestamptz and back are the identity with TimeZone UTC. */
    public static long timestampToTimestamptz(long ts) { return ts; }
    public static long timestamptzToTimestamp(long ts) { return ts; }
    public static Interval timeToInterval(long time) { throw todo(); }
    public static long intervalToTime(Interval iv) { throw todo(); }

    // ---- arithmetic (Postgres operators) ----
    /** date + int4 / date - int4 (pass a negative count). */
    public static int datePlusDays(int date, long days) { throw todo(); }
    /** date - date = int4 days. */
    public static int dateMinusDate(int a, int b) { throw todo(); }
    /** date + time = timestamp. */
    public static long datePlusTime(int date, long time) { throw todo(); }
    /** timestamp + interval (also timestamptz with TimeZone UTC; date + interval goes through timestamp). */
    public static long timestampPlusInterval(long ts, Interval iv) { throw todo(); }
    public static long timestampMinusInterval(long ts, Interval iv) { throw todo(); }
    /** timestamp - timestamp = interval (days and time, hours justified as Postgres does). */
    public static Interval timestampMinusTimestamp(long a, long b) { throw todo(); }
    /** time ± interval wraps around midnight. */
    public static long timePlusInterval(long time, Interval iv) { throw todo(); }
    public static long timeMinusInterval(long time, Interval iv) { throw todo(); }
    /** time - time = interval. */
    public static Interval timeMinusTime(long a, long b) { throw todo(); }
    public static Interval intervalPlus(Interval a, Interval b) { throw todo(); }
    public static Interval intervalMinus(Interval a, Interval b) { throw todo(); }
    public static Interval intervalNegate(Interval a) { throw todo(); }
    public static Interval intervalMultiply(Interval a, double factor) { throw todo(); }
    public static Interval intervalDivide(Interval a, double divisor) { throw todo(); }
    public static Interval justifyDays(Interval a) { throw todo(); }
    public static Interval justifyHours(Interval a) { throw todo(); }
    public static Interval justifyInterval(Interval a) { throw todo(); }
    /** timezone(zone, timestamptz) = timestamp: the wall-clock time in {@code zone}. */
    public static long timezoneOfTimestamptz(String zone, long tstz) { throw todo(); }
    /** timezone(zone, timestamp) = timestamptz: the instant when the wall clock in {@code zone} showed {@code ts}. */
    public static long timezoneOfTimestamp(String zone, long ts) { throw todo(); }
}
