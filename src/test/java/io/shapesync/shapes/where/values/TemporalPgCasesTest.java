package io.shapesync.shapes.where.values;

import static io.shapesync.shapes.where.values.Temporal.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays date/time/interval cases generated with Postgres 15 ({@code values/temporal.tsv}). */
class TemporalPgCasesTest {
    @Test
    void agreesWithPostgres() throws Exception {
        List<PgCases.Case> cases = PgCases.load("/values/temporal.tsv");
        int unsupported = PgCases.replay(cases, TemporalPgCasesTest::eval);
        assertTrue(unsupported < cases.size() / 50, "too many unsupported: " + unsupported);
    }

    private static Interval iv(String s) {
        return parseInterval(s);
    }

    static String eval(PgCases.Case c) {
        String a = c.a();
        String b = c.b();
        return switch (c.op()) {
            case "date_in" -> formatDate(parseDate(a));
            case "time_in" -> formatTime(parseTime(a));
            case "ts_in" -> formatTimestamp(parseTimestamp(a));
            case "tstz_in" -> formatTimestamptz(parseTimestamptz(a));
            case "iv_in" -> formatInterval(iv(a));
            case "iv_parts" -> formatInterval(new Interval(Integer.parseInt(a), Integer.parseInt(b),
                Long.parseLong(c.c())));
            case "ts_pl_iv" -> formatTimestamp(timestampPlusInterval(parseTimestamp(a), iv(b)));
            case "ts_mi_iv" -> formatTimestamp(timestampMinusInterval(parseTimestamp(a), iv(b)));
            case "tstz_pl_iv" -> formatTimestamptz(timestampPlusInterval(parseTimestamptz(a), iv(b)));
            case "ts_mi_ts" -> formatInterval(timestampMinusTimestamp(parseTimestamp(a), parseTimestamp(b)));
            case "date_pl_iv" -> formatTimestamp(timestampPlusInterval(dateToTimestamp(parseDate(a)), iv(b)));
            case "date_mi_date" -> Integer.toString(dateMinusDate(parseDate(a), parseDate(b)));
            case "date_pl_int" -> formatDate(datePlusDays(parseDate(a), Long.parseLong(b)));
            case "date_pl_time" -> formatTimestamp(datePlusTime(parseDate(a), parseTime(b)));
            case "ts_date" -> formatDate(timestampToDate(parseTimestamp(a)));
            case "ts_time" -> tsTime(parseTimestamp(a));
            case "date_ts" -> formatTimestamp(dateToTimestamp(parseDate(a)));
            case "iv_time" -> formatTime(intervalToTime(iv(a)));
            case "time_pl_iv" -> formatTime(timePlusInterval(parseTime(a), iv(b)));
            case "time_mi_iv" -> formatTime(timeMinusInterval(parseTime(a), iv(b)));
            case "time_mi_time" -> formatInterval(timeMinusTime(parseTime(a), parseTime(b)));
            case "iv_pl" -> formatInterval(intervalPlus(iv(a), iv(b)));
            case "iv_mi" -> formatInterval(intervalMinus(iv(a), iv(b)));
            case "iv_um" -> formatInterval(intervalNegate(iv(a)));
            case "iv_mul" -> formatInterval(intervalMultiply(iv(a), float8(b)));
            case "iv_div" -> formatInterval(intervalDivide(iv(a), float8(b)));
            case "justify_days" -> formatInterval(justifyDays(iv(a)));
            case "justify_hours" -> formatInterval(justifyHours(iv(a)));
            case "justify_interval" -> formatInterval(justifyInterval(iv(a)));
            case "iv_cmp" -> Integer.toString(Integer.signum(iv(a).compareTo(iv(b))));
            case "tz_tstz" -> formatTimestamp(timezoneOfTimestamptz(b, parseTimestamptz(a)));
            case "tz_ts" -> formatTimestamptz(timezoneOfTimestamp(b, parseTimestamp(a)));
            default -> throw new IllegalStateException(c.op());
        };
    }

    /** float8in's spellings of the special values, then Java's parser. */
    static double float8(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "infinity", "inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String tsTime(long ts) {
        return ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY ? "NULL" : formatTime(timestampToTime(ts));
    }
}
