package io.shapesync.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelationCacheTest {
    private static final Relation ITEMS = new Relation(16449, "fx", "items", 'd',
            List.of(new Relation.Column(true, "id", 23, -1), new Relation.Column(false, "note", 25, -1)));

    @Test
    void shouldThrowWhenRelationIsUnknown() {
        RelationCache cache = new RelationCache();
        ProtocolException e = assertThrows(ProtocolException.class, () -> cache.get(16449));
        assertTrue(e.getMessage().startsWith("unknown relation id 16449"), e.getMessage());
        assertEquals(Optional.empty(), cache.find(16449));
    }

    @Test
    void shouldReplaceByIdWhenRelationIsPutAgain() {
        RelationCache cache = new RelationCache();
        cache.put(ITEMS);
        assertSame(ITEMS, cache.get(16449));
        Relation renamed = new Relation(16449, "fx", "items2", 'f', ITEMS.columns());
        cache.put(renamed);
        assertSame(renamed, cache.find(16449).orElseThrow());
        assertEquals(1, cache.size());
        cache.clear();
        assertFalse(cache.find(16449).isPresent());
    }

    @Test
    void shouldCompareByContentWhenRelationsAreEqual() {
        Relation same = new Relation(16449, "fx", "items", 'd',
                List.of(new Relation.Column(true, "id", 23, -1), new Relation.Column(false, "note", 25, -1)));
        assertEquals(ITEMS, same);
        assertFalse(ITEMS.equals(new Relation(16449, "fx", "items", 'd',
                List.of(new Relation.Column(true, "id", 23, -1), new Relation.Column(false, "note", 25, 8)))));
    }
}
