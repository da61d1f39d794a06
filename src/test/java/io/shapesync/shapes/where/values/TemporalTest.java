package io.shapesync.shapes.where.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Hand-picked date/time/interval edge cases (expected values taken from Postgres 15). */
class TemporalTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01|2024-05-01", "infinity|infinity", "-infinity|-infinity", "0044-03-15 BC|0044-03-15 BC",
        "2024-02-29|2024-02-29", "0001-02-29 BC|0001-02-29 BC", "10000-01-01|10000-01-01", "999-01-01|0999-01-01",
        "2024-05-01T10:00:00Z|2024-05-01", "5874897-12-31|5874897-12-31"})
    void dates(String in, String out) {
        assertEquals(out, Temporal.formatDate(Temporal.parseDate(in)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01|2024-05-01 00:00:00", "2024-05-01 10:00|2024-05-01 10:00:00",
        "2024-05-01T10:00:00Z|2024-05-01 10:00:00", "2024-05-01 10:00:00+02|2024-05-01 10:00:00",
        "2024-05-01 10:00:00.0000005|2024-05-01 10:00:00", "2024-05-01 10:00:00.0000015|2024-05-01 10:00:00.000002",
        "2024-05-01 10:00:00.0000025|2024-05-01 10:00:00.000002", "2024-01-01 24:00|2024-01-02 00:00:00",
        "2024-05-01 10:00:00.120|2024-05-01 10:00:00.12", "0044-03-15 12:00 BC|0044-03-15 12:00:00 BC"})
    void timestamps(String in, String out) {
        assertEquals(out, Temporal.formatTimestamp(Temporal.parseTimestamp(in)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01 10:00:00.123+02|2024-05-01 08:00:00.123+00", "2024-05-01 10:00 -0530|2024-05-01 15:30:00+00",
        "2024-05-01T10:00:00+02:00|2024-05-01 08:00:00+00", "2024-05-01 10:00 UTC|2024-05-01 10:00:00+00",
        "2024-05-01 10:00:00+00 BC|2024-05-01 10:00:00+00 BC", "infinity|infinity"})
    void timestamptz(String in, String out) {
        assertEquals(out, Temporal.formatTimestamptz(Temporal.parseTimestamptz(in)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 day|P1D", "2 hours 30 minutes|PT2H30M", "1 year 2 mons|P1Y2M", "-1 day|P-1D", "1 day 02:00:00|P1DT2H",
        "@ 1 day ago|P-1D", "1.5 days|P1DT12H", "P1Y2M3DT4H5M6.5S|P1Y2M3DT4H5M6.5S", "0|PT0S", "1-2|P1Y2M",
        "3 4:05:06|P3DT4H5M6S", "-1 day -2 hours|P-1DT-2H", "-0.5 sec|PT-0.5S", "1 hour ago 2|PT-1H-2S",
        "1.5 mons|P1M15D", "-1.5 weeks|P-10DT-12H"})
    void intervals(String in, String out) {
        assertEquals(out, Temporal.formatInterval(Temporal.parseInterval(in)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"now", "today", "tomorrow", "yesterday", "epoch", "2024-05-01 10:00 Europe/Paris",
        "2024-05-01 10:00 EST", "May 1 2024"})
    void unsupportedInputSaysSo(String in) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Temporal.parseTimestamp(in));
        assertTrue(PgCases.isUnsupported(e.getMessage()), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-02-30|date/time field value out of range: \"2024-02-30\"",
        "2024-13-01|date/time field value out of range: \"2024-13-01\"",
        "0000-01-01|date/time field value out of range: \"0000-01-01\"",
        "5874898-01-01|date out of range: \"5874898-01-01\"",
        "2024-05-01 10|invalid input syntax for type date: \"2024-05-01 10\""})
    void invalidDates(String in, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Temporal.parseDate(in)).getMessage());
    }

    @Test
    void intervalComparisonIsPostgres() {
        assertEquals(0, iv("1 mon").compareTo(iv("30 days")));
        assertEquals(0, iv("1 day").compareTo(iv("24 hours")));
        assertTrue(iv("1 mon 1 us").compareTo(iv("30 days")) > 0);
        assertTrue(iv("-178956970 years -8 mons").compareTo(iv("-2147483648 days")) < 0);
        assertTrue(new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE)
            .compareTo(new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE - 1)) > 0);
        assertTrue(!iv("1 mon").equals(iv("30 days")), "record equality stays structural");
    }

    @Test
    void arithmetic() {
        long jan31 = Temporal.parseTimestamp("2024-01-31 10:00");
        assertEquals("2024-02-29 10:00:00", Temporal.formatTimestamp(Temporal.timestampPlusInterval(jan31, iv("1 mon"))));
        assertEquals("2024-03-01 10:00:00",
            Temporal.formatTimestamp(Temporal.timestampPlusInterval(jan31, iv("1 mon 1 day"))));
        assertEquals("P1DT12H", Temporal.formatInterval(Temporal.timestampMinusTimestamp(
            Temporal.parseTimestamp("2024-03-01"), Temporal.parseTimestamp("2024-02-28 12:00"))));
        assertEquals(366, Temporal.dateMinusDate(Temporal.parseDate("2025-01-01"), Temporal.parseDate("2024-01-01")));
        assertEquals("P15D", Temporal.formatInterval(Temporal.intervalMultiply(iv("1 mon"), 0.5)));
        assertEquals("PT8H", Temporal.formatInterval(Temporal.intervalDivide(iv("1 day"), 3)));
        assertEquals("01:00:00", Temporal.formatTime(Temporal.timePlusInterval(Temporal.parseTime("23:00"),
            iv("2 hours"))));
        assertEquals("P1Y1M2DT1H", Temporal.formatInterval(Temporal.justifyInterval(iv("P12M31DT25H"))));
        assertThrows(ArithmeticException.class, () -> Temporal.timestampPlusInterval(
            Temporal.parseTimestamp("294276-12-31"), iv("1 day")));
        assertThrows(ArithmeticException.class, () -> Temporal.intervalDivide(iv("1 day"), 0));
    }

    @Test
    void timeZones() {
        long utc = Temporal.parseTimestamptz("2024-07-01 00:00+00");
        assertEquals("2024-07-01 02:00:00", Temporal.formatTimestamp(Temporal.timezoneOfTimestamptz("Europe/Paris", utc)));
        assertEquals("2024-06-30 21:00:00", Temporal.formatTimestamp(Temporal.timezoneOfTimestamptz("UTC+3", utc)));
        assertEquals("2024-03-31 01:30:00+00", Temporal.formatTimestamptz(Temporal.timezoneOfTimestamp(
            "Europe/Paris", Temporal.parseTimestamp("2024-03-31 02:30"))));
        assertThrows(IllegalArgumentException.class, () -> Temporal.timezoneOfTimestamptz("CET", utc));
    }

    private static Interval iv(String s) {
        return Temporal.parseInterval(s);
    }
}
