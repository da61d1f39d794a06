package io.shapesync.replication;

import io.shapesync.decoding.Lsn;

/**
 * Fired on the replication thread after a batch of {@link TransactionCommitted} events: every transaction ending
 * at or before {@code endLsn} has been delivered. Observers make what they wrote durable (group commit) and then
 * report it to {@link FlushTracker}.
 */
public record BatchDelivered(Lsn endLsn) {
}
