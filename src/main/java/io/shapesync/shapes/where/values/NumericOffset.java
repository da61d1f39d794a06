package io.shapesync.shapes.where.values;

/** Postgres' {@code DecodeTimezone} for numeric offsets in date/time input: +02, +0200, +02:00, -05:30:15. */
final class NumericOffset {
    private NumericOffset() {
    }

    /** Postgres' DecodeTimezone; returns the offset east of UTC in seconds. */
    static int decode(String tz, String text, IllegalArgumentException syntax) {
        int[] cursor = {1};
        long hr = number(tz, cursor, text);
        long min = 0;
        long sec = 0;
        if (cursor[0] == 1) {
            throw syntax;
        }
        if (cursor[0] < tz.length() && tz.charAt(cursor[0]) == ':') {
            cursor[0]++;
            min = number(tz, cursor, text);
            if (cursor[0] < tz.length() && tz.charAt(cursor[0]) == ':') {
                cursor[0]++;
                sec = number(tz, cursor, text);
            }
        } else if (cursor[0] == tz.length() && tz.length() > 3) {
            min = hr % 100;
            hr = hr / 100;
        }
        if (hr > 15 || min >= 60 || sec >= 60) {
            throw new IllegalArgumentException("time zone displacement out of range: \"" + text + "\"");
        }
        if (cursor[0] != tz.length()) {
            throw syntax;
        }
        int seconds = (int) ((hr * 60 + min) * 60 + sec);
        return tz.charAt(0) == '-' ? -seconds : seconds;
    }

    private static long number(String s, int[] cursor, String text) {
        int start = cursor[0];
        while (cursor[0] < s.length() && DateTimeParser.isDigit(s.charAt(cursor[0]))) {
            cursor[0]++;
        }
        return DateTimeParser.toLong(s.substring(start, cursor[0]), "time zone displacement out of range: \"" + text + "\"");
    }
}
