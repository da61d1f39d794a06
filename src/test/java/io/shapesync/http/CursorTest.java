package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CursorTest {
    private static final long EPOCH = 1_728_432_000L; // 2024-10-09T00:00:00Z

    @ParameterizedTest(name = "[{index}] s={0} T={1} -> {2}")
    @CsvSource({
            "45, 20, 60",
            "41, 20, 60",
            "60, 20, 60",
            "40, 20, 40",
            "61, 20, 80",
            "1,  20, 20",
            "100, 7, 105",
    })
    void shouldRoundUpToWindowWhenNoPreviousCursor(long secondsSinceEpoch, long timeout, String expected) {
        assertEquals(expected, Cursor.next(null, timeout, EPOCH + secondsSinceEpoch));
    }

    @ParameterizedTest
    @CsvSource({"41, 59", "45, 55", "59, 41"})
    void shouldGiveSameCursorWhenPollsFallInSameWindow(long a, long b) {
        assertEquals(Cursor.next(null, 20, EPOCH + a), Cursor.next(null, 20, EPOCH + b));
        assertEquals("60", Cursor.next("", 20, EPOCH + a));
        assertEquals("60", Cursor.next("garbage", 20, EPOCH + b));
        assertEquals("60", Cursor.next("40", 20, EPOCH + b));
    }

    @RepeatedTest(20)
    void shouldExceedPreviousByOneTo3600WhenPreviousIsEqualOrGreater() {
        long fromEqual = Long.parseLong(Cursor.next("60", 20, EPOCH + 45));
        assertTrue(fromEqual >= 61 && fromEqual <= 3660, "got " + fromEqual);
        long fromGreater = Long.parseLong(Cursor.next("1000", 20, EPOCH + 45));
        assertTrue(fromGreater >= 1001 && fromGreater <= 4600, "got " + fromGreater);
    }

    @ParameterizedTest
    @CsvSource({"0, ", "0, 123", "-5, 123"})
    void shouldReturnZeroWhenTimeoutIsZero(long timeout, String previous) {
        assertEquals("0", Cursor.next(previous, timeout, EPOCH + 12345));
    }
}
