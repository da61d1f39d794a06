package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CheckpointBytesTest {
    private static final long MIB = 1L << 20;

    @Test
    void shouldKeepTheConfiguredSizeWhenLogsAreFew() {
        assertEquals(512 * MIB, ShapeRegistry.checkpointBytes(512 * MIB, 0));
        assertEquals(512 * MIB, ShapeRegistry.checkpointBytes(512 * MIB, 10_000));
        assertEquals(MIB, ShapeRegistry.checkpointBytes(MIB, 24));
    }

    @Test
    void shouldGrowWithTheLogsWhenTheyAreMany() {
        assertEquals(100_000L * 8192, ShapeRegistry.checkpointBytes(512 * MIB, 100_000));
    }

    @Test
    void shouldStopAtFourTimesTheConfiguredSizeWhenLogsAreVeryMany() {
        assertEquals(2048 * MIB, ShapeRegistry.checkpointBytes(512 * MIB, 1_000_000));
        assertEquals(4 * MIB, ShapeRegistry.checkpointBytes(MIB, 100_000));
    }
}
