package io.shapesync.shapes.where.values;

/** Postgres' text output of date, time and timestamp values with DateStyle ISO ({@code EncodeDateTime}). */
final class DateTimeFormat {
    private DateTimeFormat() {
    }

    static String date(int date) {
        if (date == Temporal.DATE_NEG_INFINITY) {
            return "-infinity";
        }
        if (date == Temporal.DATE_POS_INFINITY) {
            return "infinity";
        }
        int[] ymd = Calendar.j2date(date + Calendar.POSTGRES_EPOCH_JDATE);
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, ymd[0], ymd[1], ymd[2]);
        appendEra(sb, ymd[0]);
        return sb.toString();
    }

    static String time(long time) {
        StringBuilder sb = new StringBuilder(16);
        long hour = time / Calendar.USECS_PER_HOUR;
        long rest = time - hour * Calendar.USECS_PER_HOUR;
        long min = rest / Calendar.USECS_PER_MINUTE;
        rest -= min * Calendar.USECS_PER_MINUTE;
        appendTime(sb, hour, min, rest / Calendar.USECS_PER_SEC, rest % Calendar.USECS_PER_SEC);
        return sb.toString();
    }

    static String timestamp(long ts, boolean withZone) {
        if (ts == Temporal.TS_NEG_INFINITY) {
            return "-infinity";
        }
        if (ts == Temporal.TS_POS_INFINITY) {
            return "infinity";
        }
        long[] tm = Calendar.timestamp2tm(ts);
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, (int) tm[0], (int) tm[1], (int) tm[2]);
        sb.append(' ');
        appendTime(sb, tm[3], tm[4], tm[5], tm[6]);
        if (withZone) {
            sb.append("+00");
        }
        appendEra(sb, (int) tm[0]);
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, int year, int month, int day) {
        int shown = year > 0 ? year : -(year - 1);
        pad(sb, shown, 4);
        sb.append('-');
        pad(sb, month, 2);
        sb.append('-');
        pad(sb, day, 2);
    }

    private static void appendEra(StringBuilder sb, int year) {
        if (year <= 0) {
            sb.append(" BC");
        }
    }

    private static void appendTime(StringBuilder sb, long hour, long min, long sec, long usec) {
        pad(sb, hour, 2);
        sb.append(':');
        pad(sb, min, 2);
        sb.append(':');
        pad(sb, sec, 2);
        appendFraction(sb, usec);
    }

    /** Appends ".ffffff" without trailing zeros, nothing for zero (AppendSeconds). */
    static void appendFraction(StringBuilder sb, long usec) {
        if (usec == 0) {
            return;
        }
        String digits = Long.toString(1_000_000 + usec).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(digits, 0, end);
    }

    static void pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
