package io.shapesync.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplicationStatusTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void shouldBeBehindWhileHandingOnTransactionsCommittedLongBefore() {
        assertTrue(ReplicationStatus.behind(NOW, NOW - 5, NOW - 5 - 30_000), "a backlog 30 s old, processed just now");
        assertTrue(ReplicationStatus.behind(NOW, NOW - 150, NOW - 150 - 1_001));
    }

    @Test
    void shouldNotBeBehindWhenTransactionsArriveSoonAfterTheirCommit() {
        assertFalse(ReplicationStatus.behind(NOW, NOW - 1, NOW - 3), "a live stream");
        assertFalse(ReplicationStatus.behind(NOW, NOW - 1, NOW - 1 - 1_000), "exactly at the limit");
    }

    @Test
    void shouldNotBeBehindOnceTheStreamWentQuiet() {
        assertFalse(ReplicationStatus.behind(NOW, NOW - 200, NOW - 200 - 30_000), "the backlog's last transaction, 200 ms ago");
        assertFalse(ReplicationStatus.behind(NOW, 0, 0), "nothing processed yet");
    }

    @Test
    void shouldReportWhatTheReplicationThreadProcessed() {
        ReplicationStatus status = new ReplicationStatus();
        assertFalse(status.behind());
        long micros2000 = (System.currentTimeMillis() - 946_684_800_000L) * 1_000L;
        status.processed(micros2000 - 60_000_000L);  // committed a minute ago
        assertTrue(status.behind());
        status.processed(micros2000);  // committed now
        assertFalse(status.behind());
    }
}
