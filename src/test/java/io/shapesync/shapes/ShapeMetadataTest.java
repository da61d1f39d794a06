package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShapeMetadataTest {
    private static final TableInfo ISSUES = new TableInfo(20, new QualifiedName("public", "Issues"), List.of(
            new ColumnInfo("id", "int4", -1, true, 0, 0, false),
            new ColumnInfo("kind", "mood", -1, false, 0, -1, false, true),
            new ColumnInfo("tags", "text", -1, false, 1, -1, false)), List.of("id"));

    @Test
    void shouldRestoreSameDefinitionWhenMetadataRoundTrips() {
        ShapeParams params = new ShapeParams("\"Issues\"", "id,kind", "kind = $1 AND id > 3", Map.of("1", "o'k"),
                Replica.FULL, LogMode.CHANGES_ONLY);
        ShapeMetadata m = new ShapeMetadata("123-456", params, ISSUES, List.of(), new SnapshotXids(10, 20, Set.of(12L, 15L)));
        ShapeMetadata back = ShapeMetadata.fromJson(m.toJson());
        assertEquals(m, back);
        ShapeDefinition before = ShapeDefinition.resolve(ISSUES, params.columns(), params.replica(), params.log(), params.where(),
                params.params(), name -> null);
        ShapeDefinition after = ShapeDefinition.resolve(back.table(), back.params().columns(), back.params().replica(),
                back.params().log(), back.params().where(), back.params().params(), name -> null);
        assertEquals(before.identity(), after.identity());
    }

    @Test
    void shouldKeepSnapshotNullWhenSnapshotIncomplete() {
        ShapeMetadata m = new ShapeMetadata("1-2", ShapeParams.of("t", null, Replica.DEFAULT, LogMode.FULL), ISSUES, List.of(ISSUES), null);
        assertEquals(m, ShapeMetadata.fromJson(m.toJson()));
    }

    @Test
    void shouldKeepIdRetiredHandlesAndCutWhenCompactedMetadataRoundTrips() {
        ShapeMetadata m = new ShapeMetadata("1-2", ShapeParams.of("t", null, Replica.DEFAULT, LogMode.FULL), ISSUES, List.of(),
                new SnapshotXids(10, 20, Set.of())).withHandles("1-9", List.of("1-5", "1-2"), new io.shapesync.storage.LogOffset(4242, 7));
        ShapeMetadata back = ShapeMetadata.fromJson(m.toJson());
        assertEquals(m, back);
        assertEquals("1-2", back.id());
        assertEquals("1-9", back.handle());
        assertEquals(List.of("1-5", "1-2"), back.retiredHandles());
    }

    @Test
    void shouldAcceptRetiredHandleOnlyFromTheCutOn() {
        io.shapesync.storage.LogOffset cut = new io.shapesync.storage.LogOffset(4242, 7);
        Shape.Generation g = new Shape.Generation("new", null, List.of("old"), cut);
        org.junit.jupiter.api.Assertions.assertTrue(g.accepts("new", io.shapesync.storage.LogOffset.parse("0_0")));
        org.junit.jupiter.api.Assertions.assertTrue(g.accepts("old", cut));
        org.junit.jupiter.api.Assertions.assertTrue(g.accepts("old", new io.shapesync.storage.LogOffset(5000, 0)));
        org.junit.jupiter.api.Assertions.assertFalse(g.accepts("old", new io.shapesync.storage.LogOffset(4242, 6)));
        org.junit.jupiter.api.Assertions.assertFalse(g.accepts("old", io.shapesync.storage.LogOffset.SNAPSHOT_END));
        org.junit.jupiter.api.Assertions.assertFalse(g.accepts("other", new io.shapesync.storage.LogOffset(5000, 0)));
    }
}
