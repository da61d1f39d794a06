package io.shapesync.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowTest {
    private static final TupleData NEW = TupleData.of(new char[] {'t', 'u', 'n', 'u'}, "1", null, null, null);

    @Test
    void shouldDistinguishNullAndUnchangedToastWhenBuiltFromTuple() {
        Row row = Row.of(NEW);
        assertEquals(4, row.size());
        assertEquals("1", row.get(0));
        assertTrue(row.isUnchangedToast(1));
        assertFalse(row.isNull(1));
        assertNull(row.get(1));
        assertTrue(row.isNull(2));
        assertFalse(row.isUnchangedToast(2));
        assertEquals("Row['1', unchanged-toast, null, unchanged-toast]", row.toString());
    }

    @Test
    void shouldFillOnlyUnchangedColumnsWhenFullOldRowHasValues() {
        Row old = Row.of(TupleData.of(new char[] {'t', 't', 't', 'n'}, "0", "big", "old", null));
        Row filled = Row.of(NEW).withUnchangedFrom(old);
        assertEquals("1", filled.get(0));
        assertEquals("big", filled.get(1));
        assertFalse(filled.isUnchangedToast(1));
        assertTrue(filled.isNull(2), "a changed null stays null");
        assertTrue(filled.isUnchangedToast(3), "no old value to fill from");
        assertTrue(Row.of(NEW).isUnchangedToast(1), "original untouched");
    }

    @Test
    void shouldReturnSameRowWhenNothingToFill() {
        Row complete = Row.of(TupleData.of(new char[] {'t'}, "1"));
        assertSame(complete, complete.withUnchangedFrom(Row.of(TupleData.of(new char[] {'t'}, "2"))));
        Row row = Row.of(NEW);
        assertSame(row, row.withUnchangedFrom(complete), "width mismatch");
    }

    @Test
    void shouldRejectWhenTupleKindsAndValuesDisagree() {
        assertThrows(IllegalArgumentException.class, () -> TupleData.of(new char[] {'t'}, (Object) null));
        assertThrows(IllegalArgumentException.class, () -> TupleData.of(new char[] {'n'}, "x"));
        assertThrows(IllegalArgumentException.class, () -> TupleData.of(new char[] {'x'}, (Object) null));
        assertThrows(IllegalArgumentException.class, () -> TupleData.of(new char[] {'t', 't'}, "x"));
    }
}
