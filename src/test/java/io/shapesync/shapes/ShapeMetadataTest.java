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
}
