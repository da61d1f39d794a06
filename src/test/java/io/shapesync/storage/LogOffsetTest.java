package io.shapesync.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogOffsetTest {

    @ParameterizedTest(name = "{0} -> ({1}, {2}) -> {3}")
    @CsvSource({
        "-1,                     -1, 0,                   -1",
        "0_0,                    0,  0,                   0_0",
        "0_inf,                  0,  9223372036854775807, 0_inf",
        "0_02,                   0,  2,                   0_2",
        "007_010,                7,  10,                  7_10",
        "123_4,                  123, 4,                  123_4",
        "24153560_inf,           24153560, 9223372036854775807, 24153560_inf",
        "9223372036854775807_0,  9223372036854775807, 0,  9223372036854775807_0",
        "1_9223372036854775806,  1, 9223372036854775806,  1_9223372036854775806",
    })
    void shouldParseAndFormatWhenWireFormIsValid(String text, long tx, long op, String canonical) {
        LogOffset parsed = LogOffset.parse(text);
        assertEquals(new LogOffset(tx, op), parsed);
        assertEquals(canonical, parsed.toString());
        assertEquals(parsed, LogOffset.parse(parsed.toString()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "now", "1_", "_1", "_", "1_2_3", " 1_2", "1_2 ", "1 _2", "-2",
        "1_-2", "-1_0", "+1_2", "abc", "1", "1_inf2", "1_INF", "inf_0", "0x1_0", "1.5_0",
        "9223372036854775808_0", "1_9223372036854775808", "1_9223372036854775807",
        "99999999999999999999999_1", "1_２"})
    void shouldRejectWhenWireFormIsInvalid(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogOffset.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Test
    void shouldRejectWhenParsingNull() {
        assertThrows(IllegalArgumentException.class, () -> LogOffset.parse(null));
    }

    @Test
    void shouldOrderSnapshotBeforeLogWhenComparing() {
        List<LogOffset> expected = List.of(LogOffset.BEFORE_ALL, LogOffset.parse("0_0"),
                LogOffset.parse("0_1"), LogOffset.parse("0_10"), LogOffset.SNAPSHOT_END,
                LogOffset.parse("5_0"), LogOffset.parse("5_2"), LogOffset.parse("5_inf"),
                LogOffset.parse("6_0"), LogOffset.parse("24153560_0"));
        List<LogOffset> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(42));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        assertEquals(0, LogOffset.parse("0_02").compareTo(LogOffset.snapshotChunk(2)));
    }

    @ParameterizedTest(name = "({0}, {1})")
    @CsvSource({"-2, 0", "-1, 1", "0, -1", "5, -7"})
    void shouldRejectWhenConstructedOutOfRange(long tx, long op) {
        assertThrows(IllegalArgumentException.class, () -> new LogOffset(tx, op));
    }

    @Test
    void shouldExposeConstantsWhenUsingSpecialOffsets() {
        assertEquals("-1", LogOffset.BEFORE_ALL.toString());
        assertEquals("0_inf", LogOffset.SNAPSHOT_END.toString());
        assertEquals("0_3", LogOffset.snapshotChunk(3).toString());
        assertThrows(IllegalArgumentException.class, () -> LogOffset.snapshotChunk(-1));
        assertTrue(LogOffset.snapshotChunk(0).isSnapshot());
        assertTrue(LogOffset.SNAPSHOT_END.isSnapshot());
        assertFalse(LogOffset.parse("7_0").isSnapshot());
        assertFalse(LogOffset.BEFORE_ALL.isSnapshot());
    }
}
