package io.shapesync.shapes.where.values;

/** Broken-down result of {@link DateTimeParser}: Postgres' {@code struct pg_tm} plus what was present. */
final class DateTimeFields {
    /** 0 for a finite value, 1 for infinity, -1 for -infinity. */
    int infinity;
    boolean hasDate;
    boolean hasTime;
    boolean bc;
    /** Astronomical year after validation (0 = 1 BC). */
    long year;
    long month;
    long day;
    long hour;
    long minute;
    long second;
    long fsec;
    /** Offset east of UTC in seconds, or null when the text had none. */
    Integer tzOffsetSeconds;

    /** Microseconds since midnight of the time part. */
    long timeOfDay() {
        return Calendar.time2t(hour, minute, second, fsec);
    }
}
