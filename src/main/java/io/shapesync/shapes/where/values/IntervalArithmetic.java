package io.shapesync.shapes.where.values;

/** Postgres 15's interval operators and justify functions ({@code timestamp.c}). */
final class IntervalArithmetic {
    private static final int DAYS_PER_MONTH = 30;
    private static final double SECS_PER_DAY = 86400.0;

    private IntervalArithmetic() {
    }

    private static ArithmeticException range() {
        return new ArithmeticException("interval out of range");
    }

    static Interval plus(Interval a, Interval b) {
        try {
            return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw range();
        }
    }

    static Interval minus(Interval a, Interval b) {
        try {
            return new Interval(Math.subtractExact(a.months(), b.months()), Math.subtractExact(a.days(), b.days()),
                Math.subtractExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw range();
        }
    }

    static Interval negate(Interval a) {
        try {
            return new Interval(Math.negateExact(a.months()), Math.negateExact(a.days()),
                Math.negateExact(a.micros()));
        } catch (ArithmeticException e) {
            throw range();
        }
    }

    /** interval_mul. */
    static Interval multiply(Interval span, double factor) {
        double monthD = span.months() * factor;
        double dayD = span.days() * factor;
        return cascade(span, monthD, dayD, span.micros() * factor);
    }

    /** interval_div. */
    static Interval divide(Interval span, double factor) {
        if (factor == 0.0) {
            throw new ArithmeticException("division by zero");
        }
        return cascade(span, span.months() / factor, span.days() / factor, span.micros() / factor);
    }

    /** The common tail of interval_mul/interval_div: fractional months → days → seconds, with TSROUND. */
    private static Interval cascade(Interval span, double monthD, double dayD, double timeD) {
        if (Double.isNaN(monthD) || !fitsInt(monthD) || Double.isNaN(dayD) || !fitsInt(dayD)) {
            throw range();
        }
        int month = (int) monthD;
        int day = (int) dayD;
        double monthRemainderDays = tsround((monthD - month) * DAYS_PER_MONTH);
        double secRemainder = tsround((dayD - day + monthRemainderDays - (int) monthRemainderDays) * SECS_PER_DAY);
        if (Math.abs(secRemainder) >= SECS_PER_DAY) {
            day += (int) (secRemainder / SECS_PER_DAY);
            secRemainder -= (int) (secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
        }
        day += (int) monthRemainderDays;
        double time = Math.rint(timeD + secRemainder * Calendar.USECS_PER_SEC);
        if (Double.isNaN(time) || !(time >= -9.223372036854775808E18 && time < 9.223372036854775808E18)) {
            throw range();
        }
        return new Interval(month, day, (long) time);
    }

    private static boolean fitsInt(double d) {
        return d >= Integer.MIN_VALUE && d < -(double) Integer.MIN_VALUE;
    }

    private static double tsround(double j) {
        return Math.rint(j * 1_000_000.0) / 1_000_000.0;
    }

    static Interval justifyHours(Interval span) {
        long time = span.micros();
        long wholeday = time / Calendar.USECS_PER_DAY;
        time -= wholeday * Calendar.USECS_PER_DAY;
        int day = (int) (span.days() + wholeday);
        if (day > 0 && time < 0) {
            time += Calendar.USECS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Calendar.USECS_PER_DAY;
            day++;
        }
        return new Interval(span.months(), day, time);
    }

    static Interval justifyDays(Interval span) {
        int wholemonth = span.days() / DAYS_PER_MONTH;
        int day = span.days() - wholemonth * DAYS_PER_MONTH;
        int month = span.months() + wholemonth;
        if (month > 0 && day < 0) {
            day += DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && day > 0) {
            day -= DAYS_PER_MONTH;
            month++;
        }
        return new Interval(month, day, span.micros());
    }

    static Interval justifyInterval(Interval span) {
        long time = span.micros();
        long wholeday = time / Calendar.USECS_PER_DAY;
        time -= wholeday * Calendar.USECS_PER_DAY;
        int day = (int) (span.days() + wholeday);
        int wholemonth = day / DAYS_PER_MONTH;
        day -= wholemonth * DAYS_PER_MONTH;
        int month = span.months() + wholemonth;
        if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
            day += DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
            day -= DAYS_PER_MONTH;
            month++;
        }
        if (day > 0 && time < 0) {
            time += Calendar.USECS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Calendar.USECS_PER_DAY;
            day++;
        }
        return new Interval(month, day, time);
    }
}
