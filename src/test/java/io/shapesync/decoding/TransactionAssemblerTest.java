package io.shapesync.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Fixtures.Captured;
import io.shapesync.decoding.Fixtures.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionAssemblerTest {
    private final RelationCache cache = new RelationCache();
    private final TransactionAssembler assembler = new TransactionAssembler(cache);

    /** Feeds a fixture; asserts that only its last message (Commit) yields the transaction. */
    private Transaction replay(String name) {
        Fixture f = Fixtures.load(name);
        List<PgOutputMessage> messages = f.decoded();
        for (int i = 0; i < messages.size() - 1; i++) {
            assertEquals(Optional.empty(), assembler.accept(messages.get(i)), name + " message " + i);
            assertTrue(assembler.inTransaction());
        }
        Transaction tx = assembler.accept(messages.get(messages.size() - 1)).orElseThrow();
        assertFalse(assembler.inTransaction());
        Begin begin = (Begin) messages.get(0);
        Commit commit = (Commit) messages.get(messages.size() - 1);
        assertEquals(begin.xid(), tx.xid());
        assertEquals(f.messages().get(0).xid(), tx.xid());
        assertEquals(begin.finalLsn(), tx.commitLsn());
        assertEquals(f.messages().get(messages.size() - 1).lsn(), tx.endLsn());
        assertEquals(commit.endLsn(), tx.endLsn());
        assertEquals(commit.commitTimeMicros(), tx.commitTimeMicros());
        return tx;
    }

    private static void assertRow(Row row, String... values) {
        assertEquals(values.length, row.size(), row::toString);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], row.get(i), "column " + i + " of " + row);
            assertEquals(values[i] == null, row.isNull(i), "null flag of column " + i);
            assertFalse(row.isUnchangedToast(i));
        }
    }

    private static Begin begin(long lsn, int xid) {
        return new Begin(new Lsn(lsn), 1_000L, xid);
    }

    private static Commit commit(long lsn) {
        return new Commit(0, new Lsn(lsn), new Lsn(lsn + 0x30), 1_000L);
    }

    private static Relation relation(int id, String... columns) {
        List<Relation.Column> cols = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            cols.add(new Relation.Column(i == 0, columns[i], 25, -1));
        }
        return new Relation(id, "public", "t" + id, 'd', cols);
    }

    private static TupleData text(String... values) {
        char[] kinds = new char[values.length];
        java.util.Arrays.fill(kinds, 't');
        return TupleData.of(kinds, (Object[]) values);
    }

    @Test
    void shouldAssembleInsertsWhenFixtureTransactionCommits() {
        Transaction tx = replay("insert");
        assertEquals(3, tx.changes().size());
        RelationChanged rc = assertInstanceOf(RelationChanged.class, tx.changes().get(0));
        assertNull(rc.previous());
        assertEquals("items", rc.current().name());
        RowInserted first = assertInstanceOf(RowInserted.class, tx.changes().get(1));
        assertSame(rc.current(), first.relation());
        assertRow(first.row(), "1", "grüße ☃", "happy", "first", "12.50");
        RowInserted second = assertInstanceOf(RowInserted.class, tx.changes().get(2));
        assertRow(second.row(), "2", null, null, null, null);
        assertEquals(1, assembler.skippedMessages(), "the Type message");
        assertEquals("mood", cache.findType(rc.current().columns().get(2).typeOid()).orElseThrow().name());
    }

    @Test
    void shouldEmitRelationChangedOnlyOnFirstSightWhenRelationIsResentUnchanged() {
        Transaction t1 = replay("insert");
        Transaction t2 = replay("update-default");
        assertInstanceOf(RelationChanged.class, t1.changes().get(0));
        assertEquals(1, t2.changes().size(), t2.changes()::toString);
        RowUpdated u = assertInstanceOf(RowUpdated.class, t2.changes().get(0));
        assertSame(t1.changes().get(1) instanceof RowInserted i ? i.relation() : null, u.relation());
        assertNull(u.oldRow());
        assertFalse(u.oldIsFull());
        assertRow(u.newRow(), "1", "grüße ☃", "ok", "second", "12.50");
    }

    @Test
    void shouldEmitRelationChangedWithPreviousWhenRelationContentChanges() {
        Relation v1 = relation(7, "id", "a");
        Relation v2 = relation(7, "id", "a", "b");
        assembler.accept(begin(0x100, 1));
        assembler.accept(v1);
        assembler.accept(new Insert(7, text("1", "x")));
        assembler.accept(v2);
        assembler.accept(new Insert(7, text("2", "y", "z")));
        Transaction tx = assembler.accept(commit(0x100)).orElseThrow();
        assertEquals(List.of(new RelationChanged(null, v1), new RowInserted(v1, Row.of(text("1", "x"))),
                new RelationChanged(v1, v2), new RowInserted(v2, Row.of(text("2", "y", "z")))), tx.changes());
        assertSame(v2, cache.get(7));
    }

    @Test
    void shouldOnlyUpdateCacheWhenRelationArrivesOutsideTransaction() {
        Relation r = relation(9, "id");
        assertEquals(Optional.empty(), assembler.accept(r));
        assertSame(r, cache.find(9).orElseThrow());
        assembler.accept(begin(0x200, 2));
        assembler.accept(relation(9, "id")); // equal content: no change
        Transaction tx = assembler.accept(commit(0x200)).orElseThrow();
        assertEquals(List.of(), tx.changes());
    }

    @Test
    void shouldCarryKeyOldRowWhenPrimaryKeyChanges() {
        RowUpdated u = assertInstanceOf(RowUpdated.class, replay("update-key").changes().get(1));
        assertFalse(u.oldIsFull());
        assertRow(u.oldRow(), "1", null, null, null, null);
        assertRow(u.newRow(), "10", "grüße ☃", "ok", "second", "12.50");
    }

    @Test
    void shouldCarryKeyOldRowWhenDeletingWithIdentityDefault() {
        RowDeleted d = assertInstanceOf(RowDeleted.class, replay("delete-default").changes().get(1));
        assertEquals("items", d.relation().name());
        assertFalse(d.oldIsFull());
        assertRow(d.oldRow(), "2", null, null, null, null);
    }

    @Test
    void shouldCarryFullOldRowWhenIdentityIsFull() {
        assertEquals(3, replay("insert-full").changes().size());
        Transaction update = replay("update-full");
        assertEquals(1, update.changes().size(), "relation re-sent unchanged");
        RowUpdated u = assertInstanceOf(RowUpdated.class, update.changes().get(0));
        assertTrue(u.oldIsFull());
        assertRow(u.oldRow(), "1", "one", "100");
        assertRow(u.newRow(), "1", "one", "-9223372036854775808");
        RowDeleted d = assertInstanceOf(RowDeleted.class, replay("delete-full").changes().get(0));
        assertTrue(d.oldIsFull());
        assertRow(d.oldRow(), "2", "two", null);
    }

    @Test
    void shouldKeepUnchangedToastMarkedWhenNoFullOldRow() {
        RowUpdated u = assertInstanceOf(RowUpdated.class, replay("update-toast").changes().get(1));
        assertNull(u.oldRow());
        Row row = u.newRow();
        assertEquals("final", row.get(1));
        assertTrue(row.isUnchangedToast(2));
        assertFalse(row.isNull(2));
        assertNull(row.get(2));
        assertTrue(row.hasUnchangedToast());
    }

    @Test
    void shouldFillUnchangedToastFromOldRowWhenIdentityIsFull() throws Exception {
        RowUpdated u = assertInstanceOf(RowUpdated.class, replay("update-toast-full").changes().get(1));
        String big = PgOutputDecoderTest.md5Chain();
        assertTrue(u.oldIsFull());
        assertRow(u.oldRow(), "1", "draft", big);
        assertRow(u.newRow(), "1", "final", big);
        assertFalse(u.newRow().hasUnchangedToast());
    }

    @Test
    void shouldResolveTruncatedRelationsWhenTruncateArrives() {
        Transaction tx = replay("truncate");
        TablesTruncated t = assertInstanceOf(TablesTruncated.class, tx.changes().get(2));
        assertEquals(List.of("items", "items_full"), t.relations().stream().map(Relation::name).toList());
        assertEquals(3, t.options());
        TablesTruncated plain = assertInstanceOf(TablesTruncated.class, replay("truncate-plain").changes().get(1));
        assertEquals(List.of("docs"), plain.relations().stream().map(Relation::name).toList());
        assertEquals(0, plain.options());
    }

    @Test
    void shouldSkipMessagesWhenLogicalMessagesArrive() {
        PgOutputMessage nontx = Fixtures.load("message-nontx").decoded().get(0);
        assertEquals(Optional.empty(), assembler.accept(nontx));
        assertFalse(assembler.inTransaction());
        assertEquals(1, assembler.skippedMessages());

        Transaction tx = replay("message-tx");
        assertEquals(2, tx.changes().size(), tx.changes()::toString);
        assertInstanceOf(RelationChanged.class, tx.changes().get(0));
        assertRow(assertInstanceOf(RowInserted.class, tx.changes().get(1)).row(), "3", "three", "sad", null, "0.00");
        assertEquals(1 + 2, assembler.skippedMessages(), "non-tx Message, then Type and transactional Message");
    }

    @Test
    void shouldSkipOriginWhenTransactionComesFromOrigin() {
        Transaction tx = replay("origin");
        assertEquals(2, tx.changes().size());
        assertEquals(java.time.Instant.parse("2024-01-02T03:04:05Z"), tx.commitTime());
        assertEquals(2, assembler.skippedMessages(), "Origin and Type");
    }

    @Test
    void shouldThrowWhenBeginArrivesInsideTransaction() {
        assembler.accept(begin(0x100, 1));
        ProtocolException e = assertThrows(ProtocolException.class, () -> assembler.accept(begin(0x200, 2)));
        assertEquals("Begin of xid 2 at 0/200 while xid 1 (commit LSN 0/100) is still open", e.getMessage());
    }

    @Test
    void shouldThrowWhenCommitArrivesWithoutBegin() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> assembler.accept(commit(0x100)));
        assertEquals("Commit at 0/100 (end 0/130) without a Begin", e.getMessage());
    }

    @Test
    void shouldThrowWhenCommitLsnDiffersFromBeginFinalLsn() {
        assembler.accept(begin(0x100, 5));
        ProtocolException e = assertThrows(ProtocolException.class, () -> assembler.accept(commit(0x101)));
        assertEquals("Commit LSN 0/101 does not match Begin final LSN 0/100 of xid 5", e.getMessage());
    }

    @Test
    void shouldThrowWhenRowChangeArrivesOutsideTransaction() {
        cache.put(relation(7, "id"));
        assertThrows(ProtocolException.class, () -> assembler.accept(new Insert(7, text("1"))));
        assertThrows(ProtocolException.class, () -> assembler.accept(new Delete(7, 'K', text("1"))));
        assertThrows(ProtocolException.class, () -> assembler.accept(new Truncate(0, List.of(7))));
        assertThrows(ProtocolException.class,
                () -> assembler.accept(new Message(true, new Lsn(1), "p", new byte[0])));
    }

    @Test
    void shouldThrowWhenRelationIsUnknownOrTupleDoesNotFit() {
        assembler.accept(begin(0x100, 1));
        ProtocolException unknown = assertThrows(ProtocolException.class,
                () -> assembler.accept(new Insert(-1, text("1"))));
        assertTrue(unknown.getMessage().contains("unknown relation id 4294967295"), unknown.getMessage());
        assembler.accept(relation(7, "id", "a"));
        ProtocolException width = assertThrows(ProtocolException.class,
                () -> assembler.accept(new Update(7, (char) 0, null, text("1"))));
        assertEquals("tuple has 1 columns but relation public.t7 (7) has 2", width.getMessage());
    }

    @Test
    void shouldHandOnLongTransactionInPartsWhenPartSizeReached() {
        TransactionAssembler small = new TransactionAssembler(cache, 3);
        small.accept(relation(7, "id"));
        small.accept(begin(0x100, 42));
        List<TransactionPart> parts = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            assertEquals(Optional.empty(), small.accept(new Insert(7, text(Integer.toString(i)))));
            small.takePart().ifPresent(parts::add);
        }
        Transaction tx = small.accept(commit(0x100)).orElseThrow();
        assertEquals(2, parts.size(), "7 changes, parts of 3: two parts, then the commit with 1");
        assertTrue(parts.get(0).first());
        assertFalse(parts.get(1).first());
        assertEquals(new Lsn(0x100), parts.get(1).commitLsn());
        assertEquals(42, parts.get(1).xid());
        List<String> ids = new ArrayList<>();
        for (TransactionPart p : parts) for (Change c : p.changes()) ids.add(((RowInserted) c).row().get(0));
        for (Change c : tx.changes()) ids.add(((RowInserted) c).row().get(0));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), ids);
        assertEquals(Optional.empty(), small.takePart());
    }

    @Test
    void shouldRefuseNextChangeWhenPartNotTaken() {
        TransactionAssembler small = new TransactionAssembler(cache, 1);
        small.accept(relation(7, "id"));
        small.accept(begin(0x100, 42));
        small.accept(new Insert(7, text("1")));
        assertThrows(IllegalStateException.class, () -> small.accept(new Insert(7, text("2"))));
    }
}
