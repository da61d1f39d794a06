package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotXidsTest {

    @Test
    void shouldParseFieldsWhenSnapshotHasXip() {
        SnapshotXids s = SnapshotXids.parse("100:105:101,103");
        assertEquals(100, s.xmin());
        assertEquals(105, s.xmax());
        assertEquals(Set.of(101L, 103L), s.xip());
    }

    @Test
    void shouldParseEmptyXipWhenSnapshotHasNone() {
        SnapshotXids s = SnapshotXids.parse("7:7:");
        assertEquals(new SnapshotXids(7, 7, Set.of()), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2", "1:2:3:4", "", "a:2:", "1:2:x"})
    void shouldThrowWhenSnapshotMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> SnapshotXids.parse(text));
    }

    @ParameterizedTest(name = "[{index}] xid {0} visible={1}")
    @CsvSource({
            "1,   true",   // x < xmin
            "99,  true",
            "100, true",   // xmin <= x < xmax, not in xip
            "101, false",  // in xip
            "102, true",
            "103, false",
            "104, true",
            "105, false",  // x == xmax
            "200, false",  // x > xmax
    })
    void shouldApplySnapshotRulesWhenCheckingVisibility(int xid, boolean visible) {
        assertEquals(visible, SnapshotXids.parse("100:105:101,103").visible(xid));
    }

    // xmin = 2^32-6, xmax = 2^32+4 (epoch 1), 2^32-1 in progress
    private static final SnapshotXids WRAPPED = SnapshotXids.parse("4294967290:4294967300:4294967295");

    @ParameterizedTest(name = "[{index}] xid32 {0} -> {1}")
    @CsvSource({
            "-1,  4294967295",
            "-2,  4294967294",
            "-16, 4294967280",
            "0,   4294967296",
            "2,   4294967298",
            "4,   4294967300",
            "100, 4294967396",
    })
    void shouldWidenToNearestEpochWhenXidWrapsAround(int xid32, long expected) {
        assertEquals(expected, WRAPPED.widen(xid32));
    }

    @ParameterizedTest(name = "[{index}] xid32 {0} visible={1}")
    @CsvSource({
            "-16, true",   // before xmin, previous epoch
            "-2,  true",   // between xmin and xmax, not in xip
            "-1,  false",  // in xip
            "0,   true",   // after wraparound, before xmax
            "3,   true",
            "4,   false",  // == xmax
            "50,  false",
    })
    void shouldCompareModulo32BitsWhenSnapshotSpansWraparound(int xid32, boolean visible) {
        assertEquals(visible, WRAPPED.visible(xid32));
    }

    @Test
    void shouldRenderSortedXipWhenBuildingSnapshotEnd() {
        assertEquals("{\"headers\":{\"control\":\"snapshot-end\",\"xmin\":\"100\",\"xmax\":\"105\",\"xip_list\":[\"101\",\"103\"]}}",
                new String(SnapshotXids.parse("100:105:103,101").snapshotEndJson(), StandardCharsets.US_ASCII));
    }

    @Test
    void shouldRenderEmptyListWhenXipEmpty() {
        assertEquals("{\"headers\":{\"control\":\"snapshot-end\",\"xmin\":\"4294967290\",\"xmax\":\"4294967300\",\"xip_list\":[]}}",
                new String(SnapshotXids.parse("4294967290:4294967300:").snapshotEndJson(), StandardCharsets.US_ASCII));
    }
}
