package io.shapesync.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @Test
    void shouldFormatLikePostgresWhenPrinted() {
        assertEquals("16/B374D848", new Lsn(0x16_B374D848L).toString());
        assertEquals("0/0", Lsn.ZERO.toString());
        assertEquals("0/1539C58", new Lsn(0x1539C58L).toString());
        assertEquals("FFFFFFFF/FFFFFFFF", new Lsn(-1L).toString());
        assertEquals("1/0", new Lsn(1L << 32).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"16/B374D848", "0/0", "0/1539C58", "FFFFFFFF/FFFFFFFF", "80000000/1", "1/0"})
    void shouldRoundTripWhenParsedAndPrinted(String text) {
        assertEquals(text, Lsn.parse(text).toString());
    }

    @Test
    void shouldParseLowerCaseAndLeadingZerosWhenGiven() {
        assertEquals(new Lsn(0x16_B374D848L), Lsn.parse("16/b374d848"));
        assertEquals(new Lsn(0x16_0000D848L), Lsn.parse("00000016/0000D848"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "16", "16/", "/1", "1/2/3", "G/0", "0/-1", "123456789/0", "0/123456789",
            " 0/1", "0x1/2"})
    void shouldRejectWhenTextIsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse(text));
    }

    @Test
    void shouldCompareUnsignedWhenHighBitIsSet() {
        Lsn high = Lsn.parse("80000000/0");
        Lsn low = Lsn.parse("7FFFFFFF/FFFFFFFF");
        assertTrue(high.value() < 0, "precondition: signed value is negative");
        assertTrue(high.compareTo(low) > 0);
        assertTrue(low.compareTo(high) < 0);
        assertTrue(high.isAfter(low));
        assertTrue(low.isBefore(high));
        assertFalse(high.isBefore(high));
        assertEquals(0, high.compareTo(new Lsn(Long.MIN_VALUE)));

        List<Lsn> sorted = new ArrayList<>(List.of(new Lsn(-1L), Lsn.ZERO, high, low, new Lsn(1)));
        sorted.sort(null);
        assertEquals(List.of(Lsn.ZERO, new Lsn(1), low, high, new Lsn(-1L)), sorted);
    }

    @Test
    void shouldPrintUnsignedDecimalWhenAskedForDecimal() {
        assertEquals("18446744073709551615", new Lsn(-1L).toDecimal());
        assertEquals("97500059720", new Lsn(0x16_B374D848L).toDecimal());
        assertEquals("0", Lsn.ZERO.toDecimal());
    }
}
