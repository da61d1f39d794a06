package io.shapesync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.shapesync.decoding.Lsn;
import org.junit.jupiter.api.Test;

class ReplicationLagTest {
    private static final long NOW = 1_750_000_000_000L;  // epoch ms

    /** µs since 2000-01-01 UTC of an epoch-ms instant. */
    private static long pgMicros(long epochMillis) {
        return (epochMillis - ReplicationLag.POSTGRES_EPOCH_MILLIS) * 1_000L;
    }

    @Test
    void shouldCountWalBytesWhenNewerIsAhead() {
        assertEquals(0x1000, ReplicationLag.walBytes(Lsn.parse("0/3000").value(), Lsn.parse("0/2000").value()));
        // across the 4 GiB boundary of the low half
        assertEquals(0x20, ReplicationLag.walBytes(Lsn.parse("1/10").value(), Lsn.parse("0/FFFFFFF0").value()));
    }

    @Test
    void shouldCompareUnsignedWhenLsnsUseTheTopBit() {
        long high = Lsn.parse("FFFFFFFF/10").value();  // negative as a signed long
        assertEquals(0x10, ReplicationLag.walBytes(high, Lsn.parse("FFFFFFFF/0").value()));
        assertEquals(Lsn.parse("FFFFFFFF/10").value() - Lsn.parse("7FFFFFFF/0").value(),
                ReplicationLag.walBytes(high, Lsn.parse("7FFFFFFF/0").value()));
    }

    @Test
    void shouldBeZeroWhenOlderPositionIsAhead() {
        assertEquals(0, ReplicationLag.walBytes(Lsn.parse("0/2000").value(), Lsn.parse("0/2008").value()));
        assertEquals(0, ReplicationLag.walBytes(5, 5));
    }

    @Test
    void shouldReportNoTimeLagWhenCaughtUpOrStandingBy() {
        assertEquals(0, ReplicationLag.millis(true, false, NOW, NOW - 60_000, pgMicros(NOW - 90_000)));
        assertEquals(0, ReplicationLag.millis(false, true, NOW, NOW - 60_000, 0));
    }

    @Test
    void shouldMeasureFromNewestCommitWhenWorkingOffABacklog() {
        // caught up 2 s ago, now processing transactions committed an hour ago (after a restart): the backlog's age
        assertEquals(3_600_000, ReplicationLag.millis(false, false, NOW, NOW - 2_000, pgMicros(NOW - 3_600_000)));
        assertEquals(250, ReplicationLag.millis(false, false, NOW, NOW - 2_000, pgMicros(NOW - 250)));
    }

    @Test
    void shouldMeasureFromLastCaughtUpWhenNoTransactionProcessedSince() {
        // a large transaction still arriving, or the connection down: time since the data was known current
        assertEquals(42_000, ReplicationLag.millis(false, false, NOW, NOW - 42_000, 0));
    }

    @Test
    void shouldNotGoNegativeWhenPostgresClockIsAhead() {
        assertEquals(0, ReplicationLag.millis(false, false, NOW, NOW - 10, pgMicros(NOW + 5_000)));
    }

    @Test
    void shouldDeriveRetainedAndLagBytesFromSlotSample() {
        SlotSampler.Sample s = SlotSampler.Sample.of("0/5000000", "0/4FFF000", "0/4FFFF00");
        assertEquals(0x1000, s.retainedBytes());
        assertEquals(0x100, s.lagBytes());
    }

    @Test
    void shouldBeUnknownWhenSlotHasNoPositions() {
        SlotSampler.Sample s = SlotSampler.Sample.of("0/5000000", null, null);
        assertNull(s.restart());
        assertEquals(-1, s.retainedBytes());
        assertEquals(-1, s.lagBytes());
    }
}
