package io.shapesync.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acknowledged-LSN record and the decision whether a data directory's shapes continue from a slot. */
class AckRecordTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheHighestLsnWhenWrittenAndReadBack() {
        AckRecord record = new AckRecord(dir.resolve("data"));
        assertEquals(OptionalLong.empty(), record.read());
        record.write(0x1_0000_0100L);
        record.write(0x1_0000_0050L);  // lower: ignored
        assertEquals(OptionalLong.of(0x1_0000_0100L), new AckRecord(dir.resolve("data")).read());
        record.reset(0x50L);           // a reset stream starts lower
        assertEquals(OptionalLong.of(0x50L), new AckRecord(dir.resolve("data")).read());
    }

    @Test
    void shouldContinueOnlyWhenTheSlotIsNotAboveWhatThisDirectoryAcknowledged() {
        assertNull(AckRecord.resetReason(false, 100, OptionalLong.of(100)), "same instance, restarted");
        assertNull(AckRecord.resetReason(false, 90, OptionalLong.of(100)), "recorded before the ack was sent");
        String moved = AckRecord.resetReason(false, 101, OptionalLong.of(100));
        assertNotNull(moved);
        assertTrue(moved.contains("another instance"), moved);
        assertNotNull(AckRecord.resetReason(true, 5, OptionalLong.of(100)), "a new slot");
        assertNotNull(AckRecord.resetReason(false, 5, OptionalLong.empty()), "no record: cannot tell");
        assertNull(AckRecord.resetReason(false, -2L, OptionalLong.of(-1L)), "unsigned comparison");
    }
}
