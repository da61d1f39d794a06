package io.shapesync.decoding;

import java.util.List;

/**
 * The first changes of a transaction that is still being received, handed on before its Commit so that memory does
 * not grow with the transaction: pgoutput (protocol 1) only sends committed transactions, and Begin already carries
 * the commit LSN. The rest follows as further parts and, at Commit, the {@link Transaction} with the last changes.
 * {@code first}: the transaction's first part (after a reconnect a transaction is sent again from its start).
 */
public record TransactionPart(int xid, Lsn commitLsn, boolean first, List<Change> changes) {
    public TransactionPart {
        changes = List.copyOf(changes);
    }
}
