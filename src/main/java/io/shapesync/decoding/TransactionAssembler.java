package io.shapesync.decoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the decoded message stream into committed {@link Transaction}s. Relation and Type messages update the
 * {@link RelationCache}; a Relation whose content differs from the cached one becomes a {@link RelationChanged}
 * (outside a transaction it only updates the cache); one re-sent unchanged keeps the cached instance and emits
 * nothing. Origin, Type and Message produce no change and are counted
 * as skipped. Owned by the replication thread; not thread-safe.
 */
public final class TransactionAssembler {
    /** Changes held before a transaction is handed on in parts. */
    public static final int DEFAULT_PART_SIZE = 10_000;

    private final RelationCache cache;
    private final int partSize;
    private Begin begin;
    private List<Change> changes = new ArrayList<>();
    private TransactionPart ready;
    private int partsOfOpenTransaction;
    private long skipped;

    public TransactionAssembler(RelationCache cache) {
        this(cache, DEFAULT_PART_SIZE);
    }

    /** {@code partSize}: at most this many changes are held; a longer transaction is handed on in parts. */
    public TransactionAssembler(RelationCache cache, int partSize) {
        if (partSize < 1) throw new IllegalArgumentException("partSize must be at least 1, was " + partSize);
        this.cache = cache;
        this.partSize = partSize;
    }

    /**
     * The part of the open transaction that filled up with the last {@link #accept} call, if any: the caller must
     * take it before the next call (at most {@code partSize} changes are ever held).
     */
    public Optional<TransactionPart> takePart() {
        TransactionPart p = ready;
        ready = null;
        return Optional.ofNullable(p);
    }

    private void add(Change c) {
        if (ready != null) throw new IllegalStateException("the previous transaction part was not taken");
        changes.add(c);
        if (changes.size() >= partSize) {
            ready = new TransactionPart(begin.xid(), begin.finalLsn(), partsOfOpenTransaction++ == 0, changes);
            changes = new ArrayList<>();
        }
    }

    /** Feeds one message; returns the transaction when {@code m} is its Commit. */
    public Optional<Transaction> accept(PgOutputMessage m) {
        if (m instanceof Insert i) {
            insert(i);
        } else if (m instanceof Update u) {
            update(u);
        } else if (m instanceof Delete d) {
            delete(d);
        } else if (m instanceof Relation r) {
            relation(r);
        } else if (m instanceof Begin b) {
            begin(b);
        } else if (m instanceof Commit c) {
            return Optional.of(commit(c));
        } else if (m instanceof Truncate t) {
            truncate(t);
        } else if (m instanceof Type t) {
            cache.putType(t);
            skipped++;
        } else if (m instanceof Message msg) {
            message(msg);
        } else if (m instanceof Origin) {
            skipped++;
        } else {
            throw new ProtocolException("unexpected message " + m); // unreachable: PgOutputMessage is sealed
        }
        return Optional.empty();
    }

    public boolean inTransaction() {
        return begin != null;
    }

    /** Count of known messages that produced no change: Type, Origin and Message. */
    public long skippedMessages() {
        return skipped;
    }

    private void begin(Begin b) {
        if (begin != null) {
            throw new ProtocolException("Begin of xid " + Integer.toUnsignedString(b.xid()) + " at " + b.finalLsn()
                    + " while xid " + Integer.toUnsignedString(begin.xid()) + " (commit LSN " + begin.finalLsn()
                    + ") is still open");
        }
        begin = b;
        partsOfOpenTransaction = 0;
    }

    private Transaction commit(Commit c) {
        if (begin == null) {
            throw new ProtocolException("Commit at " + c.commitLsn() + " (end " + c.endLsn() + ") without a Begin");
        }
        if (!c.commitLsn().equals(begin.finalLsn())) {
            throw new ProtocolException("Commit LSN " + c.commitLsn() + " does not match Begin final LSN "
                    + begin.finalLsn() + " of xid " + Integer.toUnsignedString(begin.xid()));
        }
        Transaction tx = new Transaction(begin.xid(), begin.finalLsn(), c.endLsn(), c.commitTimeMicros(), changes);
        begin = null;
        changes = new ArrayList<>();
        return tx;
    }

    private void relation(Relation r) {
        Relation previous = cache.find(r.relationId()).orElse(null);
        if (r.equals(previous)) {
            return; // re-sent unchanged (every new walsender session): keep the cached instance
        }
        cache.put(r);
        if (begin != null) {
            add(new RelationChanged(previous, r));
        }
    }

    private void insert(Insert i) {
        Relation rel = relationFor(i.relationId(), "Insert");
        add(new RowInserted(rel, row(i.newTuple(), rel)));
    }

    private void update(Update u) {
        Relation rel = relationFor(u.relationId(), "Update");
        Row newRow = row(u.newTuple(), rel);
        Row oldRow = u.oldTuple() == null ? null : row(u.oldTuple(), rel);
        boolean full = u.oldTupleKind() == 'O';
        if (full) {
            newRow = newRow.withUnchangedFrom(oldRow);
        }
        add(new RowUpdated(rel, oldRow, full, newRow));
    }

    private void delete(Delete d) {
        Relation rel = relationFor(d.relationId(), "Delete");
        add(new RowDeleted(rel, row(d.oldTuple(), rel), d.oldTupleKind() == 'O'));
    }

    private void truncate(Truncate t) {
        requireTransaction("Truncate");
        List<Relation> relations = new ArrayList<>(t.relationIds().size());
        for (int id : t.relationIds()) {
            relations.add(cache.get(id));
        }
        add(new TablesTruncated(relations, t.options()));
    }

    private void message(Message msg) {
        if (msg.transactional() && begin == null) {
            throw new ProtocolException("transactional Message '" + msg.prefix() + "' at " + msg.lsn()
                    + " outside a transaction");
        }
        skipped++;
    }

    private Relation relationFor(int relationId, String what) {
        requireTransaction(what);
        return cache.get(relationId);
    }

    private void requireTransaction(String what) {
        if (begin == null) {
            throw new ProtocolException(what + " outside a transaction (no Begin)");
        }
    }

    private static Row row(TupleData tuple, Relation rel) {
        if (tuple.size() != rel.columnCount()) {
            throw new ProtocolException("tuple has " + tuple.size() + " columns but relation " + rel.qualifiedName()
                    + " (" + Integer.toUnsignedString(rel.relationId()) + ") has " + rel.columnCount());
        }
        return Row.of(tuple);
    }
}
