package io.shapesync.replication;

import io.shapesync.decoding.TransactionPart;

/**
 * Fired synchronously on the replication thread for each full part of a long transaction, before the transaction's
 * {@link TransactionCommitted} (which carries its last changes).
 */
public record TransactionPartReceived(TransactionPart part) {
}
