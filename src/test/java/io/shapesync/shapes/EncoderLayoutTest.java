package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shapesync.decoding.Relation;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderLayoutTest {
    private static final TableInfo ITEMS = new TableInfo(10, new QualifiedName("public", "items"), List.of(
            new ColumnInfo("id", "int4", -1, true, 0, 0, false),
            new ColumnInfo("title", "text", -1, false, 0, -1, false)), List.of("id"));

    private static ShapeDefinition def(String columns, Replica replica) {
        return ShapeDefinition.resolve(ITEMS, columns, replica, LogMode.FULL);
    }

    @Test
    void shouldShareOneLayoutWhenDefinitionsEncodeAlike() {
        EncoderLayout.Shared shared = new EncoderLayout.Shared();
        assertSame(shared.of(def(null, Replica.DEFAULT)), shared.of(def("id,title", Replica.DEFAULT)));
        assertNotSame(shared.of(def(null, Replica.DEFAULT)), shared.of(def("id", Replica.DEFAULT)));
        assertNotSame(shared.of(def(null, Replica.DEFAULT)), shared.of(def(null, Replica.FULL)));
        assertNotSame(shared.of(def(null, Replica.DEFAULT)), new EncoderLayout.Shared().of(def(null, Replica.DEFAULT)));
        assertNotSame(EncoderLayout.of(def(null, Replica.DEFAULT)), EncoderLayout.of(def(null, Replica.DEFAULT)));
    }

    @Test
    void shouldPrecomputeNamesAndKeyColumnsWhenBuilt() {
        EncoderLayout layout = EncoderLayout.of(def(null, Replica.DEFAULT));
        assertArrayEquals(new String[] {"\"id\":", "\"title\":"}, layout.names);
        assertArrayEquals(new boolean[] {true, false}, layout.primaryKey);
        assertEquals("[\"public\",\"items\"]", layout.relationJson);
    }

    @Test
    void shouldRebindWhenTheRelationChanges() {
        EncoderLayout layout = EncoderLayout.of(def(null, Replica.DEFAULT));
        Relation swapped = new Relation(10, "public", "items", 'd', List.of(
                new Relation.Column(false, "title", 25, -1), new Relation.Column(true, "id", 23, -1)));
        assertArrayEquals(new int[] {1, 0}, layout.bind(swapped).selected());
        Relation dropped = new Relation(10, "public", "items", 'd', List.of(new Relation.Column(true, "id", 23, -1)));
        assertThrows(ChangeEncoder.ColumnMissingException.class, () -> layout.bind(dropped));
        assertSame(layout.bind(swapped), layout.bind(swapped));
    }
}
