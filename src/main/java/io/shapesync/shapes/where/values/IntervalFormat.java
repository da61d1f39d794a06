package io.shapesync.shapes.where.values;

/** Postgres' interval output with IntervalStyle iso_8601 ({@code EncodeInterval}, {@code INTSTYLE_ISO_8601}). */
final class IntervalFormat {
    private IntervalFormat() {
    }

    static String iso8601(Interval iv) {
        int year = iv.months() / 12;
        int mon = iv.months() % 12;
        int mday = iv.days();
        long time = iv.micros();
        long hour = time / Calendar.USECS_PER_HOUR;
        time -= hour * Calendar.USECS_PER_HOUR;
        long min = time / Calendar.USECS_PER_MINUTE;
        time -= min * Calendar.USECS_PER_MINUTE;
        long sec = time / Calendar.USECS_PER_SEC;
        long fsec = time - sec * Calendar.USECS_PER_SEC;
        if (year == 0 && mon == 0 && mday == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder(32).append('P');
        part(sb, year, 'Y');
        part(sb, mon, 'M');
        part(sb, mday, 'D');
        if (hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            sb.append('T');
        }
        part(sb, hour, 'H');
        part(sb, min, 'M');
        if (sec != 0 || fsec != 0) {
            if (sec < 0 || fsec < 0) {
                sb.append('-');
            }
            sb.append(Math.abs(sec));
            DateTimeFormat.appendFraction(sb, Math.abs(fsec));
            sb.append('S');
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, long value, char unit) {
        if (value != 0) {
            sb.append(value).append(unit);
        }
    }
}
