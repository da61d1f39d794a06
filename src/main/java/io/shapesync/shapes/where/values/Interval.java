package io.shapesync.shapes.where.values;

import java.math.BigInteger;

/**
 * A Postgres interval: months, days and microseconds kept apart, as Postgres stores them. Ordering and equality are
 * Postgres' ({@code interval_cmp}: compared as months*30 days + days*24 h + microseconds, so '1 mon' = '30 days').
 * The record's {@link #equals} stays structural ('1 mon' and '30 days' differ); use {@link #compareTo} for SQL
 * equality.
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    /** The zero interval. */
    public static final Interval ZERO = new Interval(0, 0, 0);

    @Override
    public int compareTo(Interval o) {
        try {
            return Long.compare(cmpLong(), o.cmpLong());
        } catch (ArithmeticException e) {
            return cmpValue().compareTo(o.cmpValue());
        }
    }

    private long cmpLong() {
        long d = (long) months * 30 + days;
        return Math.addExact(Math.multiplyExact(d, Calendar.USECS_PER_DAY), micros);
    }

    /** interval_cmp_value: the 128-bit span in microseconds (months of 30 days, days of 24 hours). */
    public BigInteger cmpValue() {
        long totalDays = (long) months * 30 + days;
        return BigInteger.valueOf(totalDays).multiply(BigInteger.valueOf(Calendar.USECS_PER_DAY))
            .add(BigInteger.valueOf(micros));
    }

    /** Postgres' text output (IntervalStyle iso_8601). */
    @Override
    public String toString() {
        return IntervalFormat.iso8601(this);
    }
}
