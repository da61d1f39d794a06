package io.shapesync.decoding;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one pgoutput (proto_version 1) message: a pure, stateless function of the bytes from the buffer's
 * position (the tag byte) to its limit. The buffer's position is not changed; the message must fill the
 * remaining bytes exactly. Array-backed buffers (slices included) are read in place; others are copied once.
 * Streaming (proto ≥ 2) and two-phase tags, unknown tags and malformed input throw {@link ProtocolException}.
 */
public final class PgOutputDecoder {

    public PgOutputMessage decode(ByteBuffer buf) {
        WireReader r = reader(buf);
        int tag = r.u8("tag");
        PgOutputMessage m = switch (tag) {
            case 'B' -> begin(r);
            case 'C' -> commit(r);
            case 'O' -> origin(r);
            case 'R' -> relation(r);
            case 'Y' -> type(r);
            case 'I' -> insert(r);
            case 'U' -> update(r);
            case 'D' -> delete(r);
            case 'T' -> truncate(r);
            case 'M' -> message(r);
            case 'S', 'E', 'c', 'A' -> throw r.error("streaming message, not supported with proto_version 1");
            case 'b', 'P', 'K', 'r', 'p' -> throw r.error("two-phase message, not supported with proto_version 1");
            default -> throw r.error("unknown message tag");
        };
        r.expectEnd();
        return m;
    }

    private static WireReader reader(ByteBuffer buf) {
        if (!buf.hasRemaining()) {
            throw new ProtocolException("pgoutput message at byte 0: empty buffer, no tag");
        }
        if (buf.hasArray()) {
            int start = buf.arrayOffset() + buf.position();
            return new WireReader(buf.array(), start, start + buf.remaining());
        }
        byte[] copy = new byte[buf.remaining()];
        buf.duplicate().get(copy);
        return new WireReader(copy, 0, copy.length);
    }

    private static Begin begin(WireReader r) {
        Lsn finalLsn = new Lsn(r.i64("final LSN"));
        long time = r.i64("commit timestamp");
        return new Begin(finalLsn, time, r.i32("xid"));
    }

    private static Commit commit(WireReader r) {
        int flags = r.u8("flags");
        Lsn commitLsn = new Lsn(r.i64("commit LSN"));
        Lsn endLsn = new Lsn(r.i64("end LSN"));
        return new Commit(flags, commitLsn, endLsn, r.i64("commit timestamp"));
    }

    private static Origin origin(WireReader r) {
        Lsn lsn = new Lsn(r.i64("origin LSN"));
        return new Origin(lsn, r.cstring("origin name"));
    }

    private static Relation relation(WireReader r) {
        int relationId = r.i32("relation id");
        String namespace = r.cstring("namespace");
        String name = r.cstring("relation name");
        char identity = (char) r.u8("replica identity");
        int count = r.u16("column count");
        List<Relation.Column> columns = new ArrayList<>(Math.min(count, r.remaining()));
        for (int i = 0; i < count; i++) {
            int flags = r.u8("column flags");
            String columnName = r.cstring("column name");
            int typeOid = r.i32("column type");
            columns.add(new Relation.Column((flags & 1) != 0, columnName, typeOid, r.i32("column type modifier")));
        }
        return new Relation(relationId, namespace, name, identity, columns);
    }

    private static Type type(WireReader r) {
        int oid = r.i32("type oid");
        String namespace = r.cstring("type namespace");
        return new Type(oid, namespace, r.cstring("type name"));
    }

    private static Insert insert(WireReader r) {
        int relationId = r.i32("relation id");
        int marker = r.u8("new tuple marker");
        if (marker != 'N') {
            throw r.error("expected new tuple marker 'N', got 0x" + Integer.toHexString(marker));
        }
        return new Insert(relationId, tuple(r));
    }

    private static Update update(WireReader r) {
        int relationId = r.i32("relation id");
        int marker = r.u8("tuple marker");
        if (marker == 'N') {
            return new Update(relationId, (char) 0, null, tuple(r));
        }
        if (marker != 'K' && marker != 'O') {
            throw r.error("expected tuple marker 'K', 'O' or 'N', got 0x" + Integer.toHexString(marker));
        }
        TupleData oldTuple = tuple(r);
        int newMarker = r.u8("new tuple marker");
        if (newMarker != 'N') {
            throw r.error("expected new tuple marker 'N', got 0x" + Integer.toHexString(newMarker));
        }
        return new Update(relationId, (char) marker, oldTuple, tuple(r));
    }

    private static Delete delete(WireReader r) {
        int relationId = r.i32("relation id");
        int marker = r.u8("old tuple marker");
        if (marker != 'K' && marker != 'O') {
            throw r.error("expected old tuple marker 'K' or 'O', got 0x" + Integer.toHexString(marker));
        }
        return new Delete(relationId, (char) marker, tuple(r));
    }

    private static Truncate truncate(WireReader r) {
        int count = r.i32("relation count");
        int options = r.u8("options");
        if (count < 0 || count > r.remaining() / 4) {
            throw r.error("relation count " + count + " does not fit the " + r.remaining() + " remaining bytes");
        }
        Integer[] ids = new Integer[count];
        for (int i = 0; i < count; i++) {
            ids[i] = r.i32("relation id");
        }
        return new Truncate(options, List.of(ids));
    }

    private static Message message(WireReader r) {
        int flags = r.u8("flags");
        Lsn lsn = new Lsn(r.i64("message LSN"));
        String prefix = r.cstring("prefix");
        int len = r.length("content");
        return new Message((flags & 1) != 0, lsn, prefix, r.bytes(len));
    }

    private static TupleData tuple(WireReader r) {
        int count = r.u16("tuple column count");
        byte[] kinds = new byte[count];
        String[] texts = new String[count];
        byte[][] binaries = null;
        for (int i = 0; i < count; i++) {
            int kind = r.u8("column kind");
            kinds[i] = (byte) kind;
            switch (kind) {
                case 'n', 'u' -> { }
                case 't' -> texts[i] = r.utf8(r.length("text value"));
                case 'b' -> {
                    binaries = binaries == null ? new byte[count][] : binaries;
                    binaries[i] = r.bytes(r.length("binary value"));
                }
                default -> throw r.error("unknown tuple column kind 0x" + Integer.toHexString(kind) + " in column " + i);
            }
        }
        return new TupleData(kinds, texts, binaries);
    }
}
