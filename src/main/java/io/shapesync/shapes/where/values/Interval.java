package io.shapesync.shapes.where.values;

/**
 * A Postgres interval: months, days and microseconds kept apart, as Postgres stores them. Ordering and equality are
 * Postgres' ({@code interval_cmp}: compared as months*30 days + days*24 h + microseconds, so '1 mon' = '30 days').
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    @Override
    public int compareTo(Interval o) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
