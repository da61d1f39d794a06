package io.shapesync.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Fixtures.Captured;
import io.shapesync.decoding.Fixtures.Fixture;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Buffer handling and malformed input. */
class PgOutputDecoderInputTest {
    private final PgOutputDecoder decoder = new PgOutputDecoder();

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }

    private ProtocolException rejects(ByteBuffer buf) {
        return assertThrows(ProtocolException.class, () -> decoder.decode(buf));
    }

    @Test
    void shouldDecodeInPlaceWhenBufferIsSliceWithArrayOffset() {
        Captured insert = Fixtures.load("insert").first('I');
        byte[] big = new byte[insert.bytes().length + 20];
        Arrays.fill(big, (byte) 0x7A);
        System.arraycopy(insert.bytes(), 0, big, 13, insert.bytes().length);
        ByteBuffer outer = ByteBuffer.wrap(big);
        outer.position(5);
        ByteBuffer slice = outer.slice(); // arrayOffset 5
        slice.position(8).limit(8 + insert.bytes().length);
        assertEquals(5, slice.arrayOffset());

        PgOutputMessage m = decoder.decode(slice);

        assertEquals(decoder.decode(insert.buffer()), m);
        Insert i = (Insert) m;
        assertEquals("grüße ☃", i.newTuple().text(1));
        assertEquals(8, slice.position(), "position unchanged");
    }

    @Test
    void shouldDecodeWhenBufferIsDirectOrReadOnly() {
        for (String name : Fixtures.ALL) {
            for (Captured c : Fixtures.load(name).messages()) {
                PgOutputMessage expected = decoder.decode(c.buffer());
                ByteBuffer direct = ByteBuffer.allocateDirect(c.bytes().length + 3);
                direct.put(new byte[] {1, 2, 3}).put(c.bytes()).flip().position(3);
                assertEquals(expected, decoder.decode(direct), name);
                assertEquals(3, direct.position());
                assertEquals(expected, decoder.decode(c.buffer().asReadOnlyBuffer()), name);
            }
        }
    }

    @Test
    void shouldThrowWhenAnyFixtureMessageIsTruncated() {
        for (String name : Fixtures.ALL) {
            Fixture f = Fixtures.load(name);
            for (Captured c : f.messages()) {
                for (int len = 0; len < c.bytes().length; len++) {
                    ByteBuffer cut = ByteBuffer.wrap(c.bytes(), 0, len);
                    ProtocolException e = rejects(cut);
                    if (len > 0) {
                        assertTrue(e.getMessage().contains("'" + c.tag() + "'"),
                                name + " cut at " + len + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void shouldReportTagAndPositionWhenTruncated() {
        // Insert, relation 0x4041, 'N', 1 column, 't', length 5, but only 2 bytes follow
        ProtocolException e = rejects(hex("49000040414e0001740000000561"));
        assertEquals("pgoutput message 'I' (0x49) at byte 13: truncated text value: need 5 bytes, 1 left",
                e.getMessage());
    }

    @Test
    void shouldThrowWhenTagIsUnknown() {
        ProtocolException e = rejects(hex("5a00000001"));
        assertEquals("pgoutput message 'Z' (0x5A) at byte 1: unknown message tag", e.getMessage());
        assertTrue(rejects(hex("00")).getMessage().contains("(0x00) at byte 1: unknown message tag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"S", "E", "c", "A"})
    void shouldRejectStreamingTagsWhenProtoVersionIsOne(String tag) {
        ProtocolException e = rejects(ByteBuffer.wrap(new byte[] {(byte) tag.charAt(0), 0, 0, 0, 1}));
        assertTrue(e.getMessage().contains("'" + tag + "'") && e.getMessage().contains("streaming"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "P", "K", "r", "p"})
    void shouldRejectTwoPhaseTagsWhenProtoVersionIsOne(String tag) {
        ProtocolException e = rejects(ByteBuffer.wrap(new byte[] {(byte) tag.charAt(0), 0}));
        assertTrue(e.getMessage().contains("two-phase"), e.getMessage());
    }

    @Test
    void shouldThrowWhenBufferIsEmpty() {
        assertTrue(rejects(ByteBuffer.allocate(0)).getMessage().contains("empty"));
    }

    @Test
    void shouldThrowWhenTrailingBytesFollowMessage() {
        ProtocolException e = rejects(hex("590000403a6678006d6f6f6400ff"));
        assertEquals("pgoutput message 'Y' (0x59) at byte 13: 1 unexpected trailing bytes", e.getMessage());
    }

    @Test
    void shouldThrowWhenTupleColumnKindIsUnknown() {
        ProtocolException e = rejects(hex("49000040414e000274000000013178"));
        assertTrue(e.getMessage().contains("unknown tuple column kind 0x78 in column 1"), e.getMessage());
    }

    @Test
    void shouldThrowWhenValueLengthIsNegative() {
        ProtocolException e = rejects(hex("49000040414e000174ffffffff"));
        assertTrue(e.getMessage().contains("negative text value length -1"), e.getMessage());
    }

    @Test
    void shouldThrowWhenTupleMarkersAreWrong() {
        assertTrue(rejects(hex("49000040414b0000")).getMessage().contains("expected new tuple marker 'N'"));
        assertTrue(rejects(hex("5500004041580000")).getMessage().contains("expected tuple marker 'K', 'O' or 'N'"));
        assertTrue(rejects(hex("55000040414b00004b0000")).getMessage().contains("expected new tuple marker 'N'"));
        assertTrue(rejects(hex("44000040414e0000")).getMessage().contains("expected old tuple marker 'K' or 'O'"));
    }

    @Test
    void shouldThrowWhenStringIsUnterminated() {
        ProtocolException e = rejects(hex("590000403a667800"));
        assertEquals("pgoutput message 'Y' (0x59) at byte 8: unterminated type name string", e.getMessage());
    }

    @Test
    void shouldThrowWhenTruncateCountExceedsBytes() {
        ProtocolException e = rejects(hex("54" + "7fffffff" + "00" + "00004041"));
        assertTrue(e.getMessage().contains("relation count 2147483647"), e.getMessage());
        assertTrue(rejects(hex("54ffffffff00")).getMessage().contains("relation count -1"));
    }

    @Test
    void shouldDecodeHandBuiltMessagesWhenFieldsUseHighBits() {
        // Begin with an LSN and xid above the signed range
        Begin b = (Begin) decoder.decode(hex("42" + "FFFFFFFF00000010" + "0000000000000001" + "FFFFFFFE"));
        assertEquals("FFFFFFFF/10", b.finalLsn().toString());
        assertEquals(1, b.commitTimeMicros());
        assertEquals(-2, b.xid());
        assertEquals("4294967294", Integer.toUnsignedString(b.xid()));
        // Binary column values (binary=true)
        Insert i = (Insert) decoder.decode(hex("49000040414e0002620000000200ff6e"));
        assertEquals('b', i.newTuple().kind(0));
        assertEquals(null, i.newTuple().text(0));
        assertEquals("[0, -1]", Arrays.toString(i.newTuple().binary(0)));
        assertEquals('n', i.newTuple().kind(1));
        assertThrows(ProtocolException.class, () -> Row.of(i.newTuple()));
    }
}
