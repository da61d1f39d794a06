package io.shapesync.shapes.where.values;

/**
 * Postgres' {@code struct pg_itm_in} with its overflow-checked accumulation helpers ({@code AdjustDays},
 * {@code AdjustFractMicroseconds}, ...). Methods return false on overflow, as Postgres' do.
 */
final class IntervalFields {
    long usec;
    int mday;
    int mon;
    int year;

    boolean multiplyAdd(long val, long multiplier) {
        try {
            usec = Math.addExact(usec, Math.multiplyExact(val, multiplier));
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    boolean fractMicroseconds(double frac, long scale) {
        if (frac == 0) {
            return true;
        }
        double f = frac * scale;
        long u = (long) f;
        f -= u;
        if (f > 0.5) {
            u++;
        } else if (f < -0.5) {
            u--;
        }
        return addUsec(u);
    }

    private boolean addUsec(long u) {
        try {
            usec = Math.addExact(usec, u);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    boolean fractDays(double frac, int scale) {
        if (frac == 0) {
            return true;
        }
        double f = frac * scale;
        int extra = (int) f;
        if (!addDays(extra)) {
            return false;
        }
        f -= extra;
        return fractMicroseconds(f, Calendar.USECS_PER_DAY);
    }

    boolean fractYears(double frac, int scale) {
        int extra = (int) Math.rint(frac * scale * 12);
        return addMonths(extra);
    }

    boolean microseconds(long val, double fval, long scale) {
        return multiplyAdd(val, scale) && fractMicroseconds(fval, scale);
    }

    boolean days(long val, int scale) {
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            return false;
        }
        long d = val * scale;
        return d == (int) d && addDays((int) d);
    }

    private boolean addDays(long d) {
        long r = mday + d;
        if (r != (int) r) {
            return false;
        }
        mday = (int) r;
        return true;
    }

    boolean months(long val) {
        return val >= Integer.MIN_VALUE && val <= Integer.MAX_VALUE && addMonths(val);
    }

    private boolean addMonths(long m) {
        long r = mon + m;
        if (r != (int) r) {
            return false;
        }
        mon = (int) r;
        return true;
    }

    boolean years(long val, int scale) {
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            return false;
        }
        long y = val * scale;
        if (y != (int) y) {
            return false;
        }
        long r = year + y;
        if (r != (int) r) {
            return false;
        }
        year = (int) r;
        return true;
    }

    /** itmin2interval; null when the months do not fit. */
    Interval toInterval() {
        long totalMonths = (long) year * 12 + mon;
        if (totalMonths != (int) totalMonths) {
            return null;
        }
        return new Interval((int) totalMonths, mday, usec);
    }
}
