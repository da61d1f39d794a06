package io.shapesync.replication;

import io.shapesync.decoding.Lsn;
import io.shapesync.decoding.PgOutputDecoder;
import io.shapesync.decoding.RelationCache;
import io.shapesync.decoding.Transaction;
import io.shapesync.decoding.TransactionAssembler;
import io.shapesync.decoding.TransactionPart;
import io.shapesync.replication.ReplicationStatus.State;
import jakarta.enterprise.event.Event;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The replication thread's body: connect, provision, stream, decode, fire events, acknowledge what is durable.
 * Reconnects with capped, jittered backoff. Owns its connection alone.
 */
final class ReplicationLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(ReplicationLoop.class.getName());
    private static final int MAX_BATCH = 2_000;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long STANDBY_RETRY_MS = 2_000;
    private static final long FORCE_STATUS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How often an idle stream checks that Postgres still answers (a dropped network sends no error). */
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int LIVENESS_TIMEOUT_SECONDS = 5;

    private final Database database;
    private final String publication;
    private final String slot;
    private final Event<TransactionCommitted> committed;
    private final Event<BatchDelivered> delivered;
    private final Event<SlotReset> slotReset;
    private final AckRecord ackRecord;
    // Replication thread: the LSN in the ack record (acknowledgements never go above it), and when it was written
    private long recorded;
    private long recordedAtNanos;
    /** How often the ack record is written while acknowledgements advance (each write is a small forced file). */
    private static final long RECORD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private final Event<TransactionPartReceived> parts;
    private final FlushTracker flushTracker;
    private final ReplicationStatus status;
    private volatile boolean stopped;
    private volatile Connection connection;
    private volatile Connection lockConnection;

    ReplicationLoop(Database database, String publication, String slot, Event<TransactionCommitted> committed,
                    Event<TransactionPartReceived> parts, Event<BatchDelivered> delivered, Event<SlotReset> slotReset,
                    FlushTracker flushTracker, ReplicationStatus status, AckRecord ackRecord) {
        this.parts = parts;
        this.slotReset = slotReset;
        this.ackRecord = ackRecord;
        this.database = database;
        this.publication = publication;
        this.slot = slot;
        this.committed = committed;
        this.delivered = delivered;
        this.flushTracker = flushTracker;
        this.status = status;
    }

    @Override
    public void run() {
        long backoff = 500;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try {
                database.resolve();
                connectAndStream();
                backoff = 500;
            } catch (Standby e) {
                if (status.state() != State.WAITING) {
                    LOG.info(() -> "Another ShapeSync instance holds replication slot " + slot + ": standing by");
                }
                status.set(State.WAITING, "another instance holds replication slot " + slot);
                closeConnection();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STANDBY_RETRY_MS));
                continue;
            } catch (ReplicationException e) {
                status.set(e.fatal() ? State.FAILED : State.DISCONNECTED, e.getMessage());
                LOG.log(Level.SEVERE, "Replication cannot start: {0}", e.getMessage());
            } catch (SQLException e) {
                if (stopped) break;
                boolean fatal = e.getSQLState() != null && (e.getSQLState().startsWith("28") || "42501".equals(e.getSQLState())
                        || e.getSQLState().startsWith("3D"));
                status.set(fatal ? State.FAILED : State.DISCONNECTED, "SQLSTATE " + e.getSQLState() + ": " + e.getMessage());
                LOG.log(fatal ? Level.SEVERE : Level.WARNING, "Replication connection lost or refused (SQLSTATE {0}): {1}",
                        new Object[] {e.getSQLState(), e.getMessage()});
            } catch (RuntimeException e) {
                if (stopped) break;
                status.set(State.FAILED, e.toString());
                LOG.log(Level.SEVERE, "Replication failed; will retry", e);
            } finally {
                closeConnection();
            }
            if (stopped) break;
            long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(sleep));
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
        status.set(State.STOPPED, "stopped");
    }

    /**
     * A silently dropped network gives the replication stream no error: it only stops delivering. The lock connection
     * to the same server answers an empty query within a few seconds, or the stream is treated as lost (reconnect,
     * health not ready). Losing the lock session also means another instance may take over: streaming must stop.
     */
    private void checkAlive() throws SQLException {
        Connection c = lockConnection;
        if (c == null || !c.isValid(LIVENESS_TIMEOUT_SECONDS)) {
            throw new SQLException("Postgres did not answer within " + LIVENESS_TIMEOUT_SECONDS
                    + " s on the lock connection: treating the replication connection as lost", "08006");
        }
    }

    /** Another instance holds the replication lock. */
    private static final class Standby extends Exception {
        Standby() {
            super(null, null, false, false);
        }
    }

    /**
     * Takes the instance lock: a session advisory lock keyed by the slot, held on its own connection for as long as
     * this instance streams. Two instances on one database: one streams, the other stands by and takes over within
     * {@link #STANDBY_RETRY_MS} of the first one's connection closing (process killed, network gone).
     */
    private void lock() throws SQLException, Standby {
        Connection c = database.openDirectConnection();
        lockConnection = c;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(1397968206, hashtext(?))")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) throw new Standby();
            }
        }
    }

    private void connectAndStream() throws SQLException, Standby {
        status.set(State.STARTING, "connecting");
        lock();
        try (Connection c = database.openDirectConnection()) {
            SlotProvisioner provisioner = new SlotProvisioner(publication, slot);
            boolean created = provisioner.provision(c);
            long confirmed = provisioner.confirmedFlush(c);
            java.util.OptionalLong before = ackRecord.read();
            String why = AckRecord.resetReason(created, confirmed, before);
            if (why != null) {
                slotReset.fire(new SlotReset(slot, why));
                ackRecord.reset(confirmed);
                recorded = confirmed;
            } else {
                recorded = before.getAsLong();  // present: no reason to reset means there is a record
            }
        }
        connection = database.openReplicationConnection();
        PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI()
                .replicationStream().logical()
                .withSlotName(slot)
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publication)
                .withStatusInterval(10, TimeUnit.SECONDS)
                .start();
        status.set(State.STREAMING, "streaming from slot " + slot);
        LOG.info(() -> "Streaming from replication slot " + slot + " (publication " + publication + ")");
        stream(stream);
    }

    private void stream(PGReplicationStream stream) throws SQLException {
        PgOutputDecoder decoder = new PgOutputDecoder();
        TransactionAssembler assembler = new TransactionAssembler(new RelationCache());
        Lsn batchEnd = null;
        long delivered = 0;
        int inBatch = 0;
        long acked = 0;
        long lastForce = System.nanoTime();
        long lastLivenessCheck = System.nanoTime();
        while (!stopped) {
            ByteBuffer buffer = stream.readPending();
            if (buffer != null) {
                status.caughtUp(false);
                Optional<Transaction> tx = assembler.accept(decoder.decode(buffer));
                Optional<TransactionPart> part = assembler.takePart();
                if (part.isPresent()) parts.fire(new TransactionPartReceived(part.get()));
                if (tx.isPresent()) {
                    committed.fire(new TransactionCommitted(tx.get()));
                    status.processed(tx.get().commitTimeMicros());
                    batchEnd = tx.get().endLsn();
                    inBatch++;
                }
                if (inBatch < MAX_BATCH) continue;
            }
            if (inBatch > 0 && !assembler.inTransaction()) {
                this.delivered.fire(new BatchDelivered(batchEnd));
                delivered = batchEnd.value();
                inBatch = 0;
            }
            long ack = recordedUpTo(acknowledgeable(stream, assembler, inBatch, delivered));
            if (Long.compareUnsigned(ack, acked) > 0) {
                LogSequenceNumber lsn = LogSequenceNumber.valueOf(ack);
                stream.setAppliedLSN(lsn);
                stream.setFlushedLSN(lsn);
                acked = ack;
                if (System.nanoTime() - lastForce > FORCE_STATUS_NANOS) {
                    stream.forceUpdateStatus();
                    lastForce = System.nanoTime();
                }
            }
            if (buffer == null) {
                if (!assembler.inTransaction()) status.caughtUp(true);
                if (System.nanoTime() - lastLivenessCheck > LIVENESS_CHECK_NANOS) {
                    checkAlive();
                    lastLivenessCheck = System.nanoTime();
                }
                LockSupport.parkNanos(500_000);
            }
        }
    }

    /**
     * What may be confirmed: what the shape logs made durable; when idle between transactions with everything
     * delivered and durable, also the server's last reported position (traffic on unpublished tables).
     */
    private long acknowledgeable(PGReplicationStream stream, TransactionAssembler assembler, int inBatch, long delivered) {
        long durable = flushTracker.durable().value();
        if (inBatch == 0 && !assembler.inTransaction() && Long.compareUnsigned(durable, delivered) >= 0) {
            long received = stream.getLastReceiveLSN().asLong();
            if (Long.compareUnsigned(received, durable) > 0) return received;
        }
        return durable;
    }

    /**
     * The part of {@code target} that may be acknowledged: the ack record is written first (at most every
     * {@link #RECORD_NANOS}), so the slot is never confirmed above what this data directory has recorded.
     */
    private long recordedUpTo(long target) {
        if (Long.compareUnsigned(target, recorded) <= 0) return target;
        long now = System.nanoTime();
        if (now - recordedAtNanos < RECORD_NANOS) return recorded;
        ackRecord.write(target);
        recorded = target;
        recordedAtNanos = now;
        return target;
    }

    void stop() {
        stopped = true;
        closeConnection();
    }

    private void closeConnection() {
        close(lockConnection);
        lockConnection = null;
        Connection c = connection;
        connection = null;
        close(c);
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the replication connection", e);
            }
        }
    }
}
