package io.shapesync.shapes.where.values;

/** Postgres' {@code DecodeTimeForInterval}: "hh:mm", "hh:mm:ss[.f]" and "mm:ss.f" in an interval. */
final class IntervalTime {
    private IntervalTime() {
    }

    /** Decodes into out[0] (microseconds); returns 0 or an IntervalParser error code. */
    static int decode(String str, long[] out) {
        CNumbers.Parsed h = CNumbers.strtol(str, 0);
        if (h.overflow()) {
            return IntervalParser.FIELD_OVERFLOW;
        }
        int cp = h.end();
        if (charAt(str, cp) != ':') {
            return IntervalParser.BAD_FORMAT;
        }
        CNumbers.Parsed m = CNumbers.strtol(str, cp + 1);
        if (m.overflow() || m.value() != (int) m.value()) {
            return IntervalParser.FIELD_OVERFLOW;
        }
        long hour = h.value();
        long min = m.value();
        long sec = 0;
        long fsec = 0;
        cp = m.end();
        if (cp == str.length()) {
            sec = 0;
        } else if (str.charAt(cp) == '.') {
            Double frac = CNumbers.parseFraction(str.substring(cp));
            if (frac == null) {
                return IntervalParser.BAD_FORMAT;
            }
            fsec = (long) Math.rint(frac * 1_000_000);
            if (hour > Integer.MAX_VALUE || hour < Integer.MIN_VALUE) {
                return IntervalParser.FIELD_OVERFLOW;
            }
            sec = min;
            min = hour;
            hour = 0;
        } else if (str.charAt(cp) == ':') {
            CNumbers.Parsed s = CNumbers.strtol(str, cp + 1);
            if (s.overflow() || s.value() != (int) s.value()) {
                return IntervalParser.FIELD_OVERFLOW;
            }
            sec = s.value();
            cp = s.end();
            if (charAt(str, cp) == '.') {
                Double frac = CNumbers.parseFraction(str.substring(cp));
                if (frac == null) {
                    return IntervalParser.BAD_FORMAT;
                }
                fsec = (long) Math.rint(frac * 1_000_000);
            } else if (cp != str.length()) {
                return IntervalParser.BAD_FORMAT;
            }
        } else {
            return IntervalParser.BAD_FORMAT;
        }
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > Calendar.USECS_PER_SEC) {
            return IntervalParser.FIELD_OVERFLOW;
        }
        try {
            long usec = fsec;
            usec = Math.addExact(usec, Math.multiplyExact(hour, Calendar.USECS_PER_HOUR));
            usec = Math.addExact(usec, min * Calendar.USECS_PER_MINUTE);
            out[0] = Math.addExact(usec, sec * Calendar.USECS_PER_SEC);
            return 0;
        } catch (ArithmeticException e) {
            return IntervalParser.FIELD_OVERFLOW;
        }
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }
}
