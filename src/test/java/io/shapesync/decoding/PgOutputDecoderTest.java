package io.shapesync.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Fixtures.Captured;
import io.shapesync.decoding.Fixtures.Fixture;
import io.shapesync.decoding.Relation.Column;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes real Postgres 15 pgoutput bytes (see src/test/resources/pgoutput/capture.sh). */
class PgOutputDecoderTest {
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int TEXT = 25;
    private static final int VARCHAR = 1043;
    private static final int NUMERIC = 1700;
    private static final String GRUSSE = "grüße ☃";

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    private <T extends PgOutputMessage> T decode(Captured c, Class<T> type) {
        return assertInstanceOf(type, decoder.decode(c.buffer()));
    }

    private Relation relation(Fixture f, String name) {
        return f.all('R').stream().map(c -> decode(c, Relation.class)).filter(r -> r.name().equals(name))
                .findFirst().orElseThrow();
    }

    /** Asserts Begin/Commit against the lsn and xid columns Postgres reported next to them. */
    private void assertFrame(Fixture f) {
        Captured b = f.messages().get(0);
        Captured c = f.messages().get(f.messages().size() - 1);
        Begin begin = decode(b, Begin.class);
        Commit commit = decode(c, Commit.class);
        assertEquals(b.xid(), begin.xid(), "Begin xid");
        assertEquals(0, commit.flags());
        assertEquals(begin.finalLsn(), commit.commitLsn(), "Begin final LSN = Commit LSN");
        assertEquals(c.lsn(), commit.endLsn(), "Commit end LSN = reported lsn of the commit row");
        assertTrue(commit.commitLsn().isAfter(b.lsn()), "commit record after the transaction's first record");
        assertTrue(commit.endLsn().isAfter(commit.commitLsn()));
        assertEquals(begin.commitTimeMicros(), commit.commitTimeMicros());
        assertTrue(commit.commitTime().isAfter(Instant.parse("2024-01-01T00:00:00Z")), commit.commitTime()::toString);
        assertTrue(commit.commitTime().isBefore(Instant.parse("2100-01-01T00:00:00Z")), commit.commitTime()::toString);
    }

    private static void assertTuple(TupleData t, Object... expected) {
        assertEquals(expected.length, t.size(), "column count of " + t);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == null) {
                assertEquals('n', t.kind(i), "kind of column " + i);
                assertNull(t.text(i));
            } else if (expected[i] instanceof Character kind) {
                assertEquals(kind.charValue(), t.kind(i), "kind of column " + i);
                assertNull(t.text(i));
            } else {
                assertEquals('t', t.kind(i), "kind of column " + i);
                assertEquals(expected[i], t.text(i), "column " + i);
            }
            assertNull(t.binary(i));
        }
    }

    static String md5Chain() throws Exception {
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            sb.append(java.util.HexFormat.of().formatHex(md5.digest(Integer.toString(i).getBytes())));
        }
        return sb.toString();
    }

    @Test
    void shouldDecodeBeginAndCommitWhenReadingEveryFixture() {
        for (String name : Fixtures.ALL) {
            Fixture f = Fixtures.load(name);
            if (!name.equals("message-nontx")) {
                assertFrame(f);
            }
        }
    }

    @Test
    void shouldDecodeTypeAndRelationWhenTableHasEnumAndKeyColumn() {
        Fixture f = Fixtures.load("insert");
        assertEquals(List.of('B', 'Y', 'R', 'I', 'I', 'C'), f.messages().stream().map(Captured::tag).toList());
        Type type = decode(f.first('Y'), Type.class);
        assertEquals("fx", type.namespace());
        assertEquals("mood", type.name());
        assertTrue(type.typeOid() >= 16384, "user type oid " + type.typeOid());

        Relation r = decode(f.first('R'), Relation.class);
        assertTrue(r.relationId() >= 16384, "user relation oid " + r.relationId());
        assertEquals("fx", r.namespace());
        assertEquals("items", r.name());
        assertEquals("fx.items", r.qualifiedName());
        assertEquals('d', r.replicaIdentity());
        assertEquals(List.of(new Column(true, "id", INT4, -1), new Column(false, "name", VARCHAR, 20 + 4),
                new Column(false, "mood", type.typeOid(), -1), new Column(false, "note", TEXT, -1),
                new Column(false, "price", NUMERIC, (8 << 16 | 2) + 4)), r.columns());
        assertEquals(2, r.columnIndex("mood"));
        assertEquals(-1, r.columnIndex("missing"));
    }

    @Test
    void shouldDecodeFullIdentityRelationWhenReplicaIdentityIsFull() {
        Relation r = relation(Fixtures.load("insert-full"), "items_full");
        assertEquals("fx", r.namespace());
        assertEquals('f', r.replicaIdentity());
        assertTrue(r.identityFull());
        assertEquals(List.of(new Column(true, "id", INT4, -1), new Column(true, "name", TEXT, -1),
                new Column(true, "qty", INT8, -1)), r.columns());
    }

    @Test
    void shouldDecodeInsertWithUtf8AndNullsWhenRowsAreInserted() {
        Fixture f = Fixtures.load("insert");
        int relId = decode(f.first('R'), Relation.class).relationId();
        List<Captured> inserts = f.all('I');
        Insert full = decode(inserts.get(0), Insert.class);
        Insert nulls = decode(inserts.get(1), Insert.class);
        assertEquals(relId, full.relationId());
        assertEquals(relId, nulls.relationId());
        assertTuple(full.newTuple(), "1", GRUSSE, "happy", "first", "12.50");
        assertTuple(nulls.newTuple(), "2", null, null, null, null);
    }

    @Test
    void shouldDecodeUpdateWithoutOldTupleWhenIdentityDefaultAndKeyUnchanged() {
        Fixture f = Fixtures.load("update-default");
        Update u = decode(f.first('U'), Update.class);
        assertEquals(decode(f.first('R'), Relation.class).relationId(), u.relationId());
        assertEquals(0, u.oldTupleKind());
        assertNull(u.oldTuple());
        assertTuple(u.newTuple(), "1", GRUSSE, "ok", "second", "12.50");
    }

    @Test
    void shouldDecodeKeyOldTupleWhenPrimaryKeyChanges() {
        Fixture f = Fixtures.load("update-key");
        Update u = decode(f.first('U'), Update.class);
        assertEquals(decode(f.first('R'), Relation.class).relationId(), u.relationId());
        assertEquals('K', u.oldTupleKind());
        assertTuple(u.oldTuple(), "1", null, null, null, null);
        assertTuple(u.newTuple(), "10", GRUSSE, "ok", "second", "12.50");
    }

    @Test
    void shouldDecodeKeyOldTupleWhenDeletingWithIdentityDefault() {
        Fixture f = Fixtures.load("delete-default");
        Delete d = decode(f.first('D'), Delete.class);
        assertEquals(decode(f.first('R'), Relation.class).relationId(), d.relationId());
        assertEquals('K', d.oldTupleKind());
        assertTuple(d.oldTuple(), "2", null, null, null, null);
    }

    @Test
    void shouldDecodeFullOldTupleWhenUpdatingWithIdentityFull() {
        Fixture f = Fixtures.load("update-full");
        Update u = decode(f.first('U'), Update.class);
        assertEquals(relation(f, "items_full").relationId(), u.relationId());
        assertEquals('O', u.oldTupleKind());
        assertTuple(u.oldTuple(), "1", "one", "100");
        assertTuple(u.newTuple(), "1", "one", "-9223372036854775808");
    }

    @Test
    void shouldDecodeFullOldTupleWhenDeletingWithIdentityFull() {
        Fixture f = Fixtures.load("delete-full");
        Delete d = decode(f.first('D'), Delete.class);
        assertEquals(relation(f, "items_full").relationId(), d.relationId());
        assertEquals('O', d.oldTupleKind());
        assertTuple(d.oldTuple(), "2", "two", null);
    }

    @Test
    void shouldMarkUnchangedToastWhenOutOfLineValueIsNotUpdated() {
        Fixture f = Fixtures.load("update-toast");
        Relation r = decode(f.first('R'), Relation.class);
        assertEquals("docs", r.name());
        Update u = decode(f.first('U'), Update.class);
        assertEquals(r.relationId(), u.relationId());
        assertNull(u.oldTuple());
        assertTuple(u.newTuple(), "1", "final", 'u');
        assertTrue(u.newTuple().isUnchangedToast(2));
    }

    @Test
    void shouldCarryToastValueInOldTupleWhenIdentityFull() throws Exception {
        Fixture f = Fixtures.load("update-toast-full");
        Update u = decode(f.first('U'), Update.class);
        assertEquals(relation(f, "docs_full").relationId(), u.relationId());
        assertEquals('O', u.oldTupleKind());
        String big = md5Chain();
        assertEquals(3200, big.length());
        assertTuple(u.oldTuple(), "1", "draft", big);
        assertTuple(u.newTuple(), "1", "final", 'u');
    }

    @Test
    void shouldDecodeTruncateOptionsWhenCascadeAndRestartIdentity() {
        Fixture f = Fixtures.load("truncate");
        Truncate t = decode(f.first('T'), Truncate.class);
        assertEquals(3, t.options());
        assertTrue(t.cascade());
        assertTrue(t.restartIdentity());
        assertEquals(List.of(relation(f, "items").relationId(), relation(f, "items_full").relationId()),
                t.relationIds());

        Fixture plain = Fixtures.load("truncate-plain");
        Truncate p = decode(plain.first('T'), Truncate.class);
        assertEquals(0, p.options());
        assertEquals(List.of(relation(plain, "docs").relationId()), p.relationIds());
    }

    @Test
    void shouldDecodeNonTransactionalMessageWhenEmittedOutsideTransaction() {
        Fixture f = Fixtures.load("message-nontx");
        assertEquals(1, f.messages().size());
        Captured c = f.first('M');
        Message m = decode(c, Message.class);
        assertEquals(false, m.transactional());
        assertEquals(f.emittedLsn(), m.lsn());
        assertEquals(c.lsn(), m.lsn());
        assertEquals("shapesync", m.prefix());
        assertArrayEquals("hello non-tx".getBytes(StandardCharsets.UTF_8), m.content());
        assertEquals("hello non-tx", m.contentAsString());
    }

    @Test
    void shouldDecodeTransactionalMessageWhenEmittedInsideTransaction() {
        Fixture f = Fixtures.load("message-tx");
        assertEquals(List.of('B', 'Y', 'R', 'I', 'M', 'C'), f.messages().stream().map(Captured::tag).toList());
        Message m = decode(f.first('M'), Message.class);
        assertEquals(true, m.transactional());
        assertEquals(f.emittedLsn(), m.lsn());
        assertEquals("shapesync", m.prefix());
        assertArrayEquals(new byte[] {0, (byte) 0xFF, 1}, m.content());
        assertTuple(decode(f.first('I'), Insert.class).newTuple(), "3", "three", "sad", null, "0.00");
    }

    @Test
    void shouldDecodeOriginWhenTransactionWasReplayedFromOrigin() {
        Fixture f = Fixtures.load("origin");
        assertEquals(List.of('B', 'O', 'Y', 'R', 'I', 'C'), f.messages().stream().map(Captured::tag).toList());
        Origin o = decode(f.first('O'), Origin.class);
        assertEquals(Lsn.parse("1/2345ABCD"), o.commitLsn());
        assertEquals("shapesync_origin", o.name());
        Begin b = decode(f.first('B'), Begin.class);
        Instant originTime = Instant.parse("2024-01-02T03:04:05Z");
        assertEquals(originTime, b.commitTime());
        assertEquals(originTime.getEpochSecond() - 946_684_800L, b.commitTimeMicros() / 1_000_000L);
        assertEquals(0, b.commitTimeMicros() % 1_000_000L);
        assertTuple(decode(f.first('I'), Insert.class).newTuple(), "4", "four", "ok", "from origin", "4.00");
    }
}
