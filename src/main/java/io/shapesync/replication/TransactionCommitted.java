package io.shapesync.replication;

import io.shapesync.decoding.Transaction;

/** Fired synchronously on the replication thread, once per committed transaction, in commit order. */
public record TransactionCommitted(Transaction transaction) {
}
