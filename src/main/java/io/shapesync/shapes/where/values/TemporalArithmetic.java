package io.shapesync.shapes.where.values;

/** Postgres' date/timestamp/time operators ({@code date.c}, {@code timestamp.c}, Postgres 15). */
final class TemporalArithmetic {
    private TemporalArithmetic() {
    }

    private static boolean infinite(long ts) {
        return ts == Temporal.TS_NEG_INFINITY || ts == Temporal.TS_POS_INFINITY;
    }

    private static boolean infinite(int date) {
        return date == Temporal.DATE_NEG_INFINITY || date == Temporal.DATE_POS_INFINITY;
    }

    private static ArithmeticException tsRange() {
        return new ArithmeticException("timestamp out of range");
    }

    static long dateToTimestamp(int date) {
        if (date == Temporal.DATE_NEG_INFINITY) {
            return Temporal.TS_NEG_INFINITY;
        }
        if (date == Temporal.DATE_POS_INFINITY) {
            return Temporal.TS_POS_INFINITY;
        }
        if (date >= Calendar.TIMESTAMP_END_JULIAN - Calendar.POSTGRES_EPOCH_JDATE) {
            throw new ArithmeticException("date out of range for timestamp");
        }
        return date * Calendar.USECS_PER_DAY;
    }

    static int timestampToDate(long ts) {
        if (ts == Temporal.TS_NEG_INFINITY) {
            return Temporal.DATE_NEG_INFINITY;
        }
        if (ts == Temporal.TS_POS_INFINITY) {
            return Temporal.DATE_POS_INFINITY;
        }
        return (int) Math.floorDiv(ts, Calendar.USECS_PER_DAY);
    }

    static int datePlusDays(int date, long days) {
        if (infinite(date)) {
            return date;
        }
        long result = date + days;
        if (!Calendar.isValidDate(result)) {
            throw new ArithmeticException("date out of range");
        }
        return (int) result;
    }

    static int dateMinusDate(int a, int b) {
        if (infinite(a) || infinite(b)) {
            throw new ArithmeticException("cannot subtract infinite dates");
        }
        return a - b;
    }

    static long datePlusTime(int date, long time) {
        long ts = dateToTimestamp(date);
        if (infinite(ts)) {
            return ts;
        }
        long result = ts + time;
        if (!Calendar.isValidTimestamp(result)) {
            throw tsRange();
        }
        return result;
    }

    /** timestamp_pl_interval: months (day clamped to the month's end), then days, then microseconds. */
    static long timestampPlusInterval(long ts, Interval iv) {
        if (infinite(ts)) {
            return ts;
        }
        long result = ts;
        if (iv.months() != 0) {
            result = addMonths(result, iv.months());
        }
        if (iv.days() != 0) {
            result = addDays(result, iv.days());
        }
        try {
            result = Math.addExact(result, iv.micros());
        } catch (ArithmeticException e) {
            throw tsRange();
        }
        if (!Calendar.isValidTimestamp(result)) {
            throw tsRange();
        }
        return result;
    }

    private static long addMonths(long ts, int months) {
        long[] tm = Calendar.timestamp2tm(ts);
        long year = tm[0];
        long mon = tm[1] + months;
        if (mon > 12) {
            year += (mon - 1) / 12;
            mon = (mon - 1) % 12 + 1;
        } else if (mon < 1) {
            year += mon / 12 - 1;
            mon = mon % 12 + 12;
        }
        long day = Math.min(tm[2], Calendar.daysInMonth((int) year, (int) mon));
        return Calendar.tm2timestamp((int) year, (int) mon, (int) day, timeOf(tm));
    }

    private static long addDays(long ts, int days) {
        long[] tm = Calendar.timestamp2tm(ts);
        int julian = Calendar.date2j((int) tm[0], (int) tm[1], (int) tm[2]) + days;
        int[] ymd = Calendar.j2date(julian);
        return Calendar.tm2timestamp(ymd[0], ymd[1], ymd[2], timeOf(tm));
    }

    private static long timeOf(long[] tm) {
        return Calendar.time2t(tm[3], tm[4], tm[5], tm[6]);
    }

    /** timestamp_mi: the difference as time, justified into days (overflow wraps, as in Postgres 15). */
    static Interval timestampMinusTimestamp(long a, long b) {
        if (infinite(a) || infinite(b)) {
            throw new ArithmeticException("cannot subtract infinite timestamps");
        }
        return IntervalArithmetic.justifyHours(new Interval(0, 0, a - b));
    }

    /** time_pl_interval: wraps modulo 24 hours. */
    static long timePlusMicros(long time, long micros) {
        long result = time + micros;
        result -= result / Calendar.USECS_PER_DAY * Calendar.USECS_PER_DAY;
        if (result < 0) {
            result += Calendar.USECS_PER_DAY;
        }
        return result;
    }
}
