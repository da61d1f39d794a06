package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shapesync.storage.FileShapeLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LruEvictionTest {
    private static final TableInfo T = new TableInfo(1, new QualifiedName("public", "t"),
            List.of(new ColumnInfo("id", "int4", -1, true, 0, 0, false)), List.of("id"));

    @Test
    void shouldEvictLeastRecentlyUsedButNeverTheNewShapeWhenOverTheLimit(@TempDir Path dir) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shapes.add(new Shape("h" + i, ShapeDefinition.resolve(T, null, Replica.DEFAULT, LogMode.FULL),
                    FileShapeLog.open(dir.resolve("h" + i), 1024), 1024));
        }
        // requests touch h3, h1, h4, h0 in that order; h2 was never requested after creation
        for (int i : new int[] {3, 1, 4, 0}) {
            long before = System.nanoTime();
            while (System.nanoTime() == before) {
                Thread.onSpinWait();  // distinct timestamps
            }
            shapes.get(i).touch();
        }
        Shape created = shapes.get(2);
        assertEquals(List.of(shapes.get(3), shapes.get(1)), ShapeRegistry.lruVictims(shapes, created, 3));
        assertEquals(List.of(), ShapeRegistry.lruVictims(shapes, created, 5));
        assertEquals(List.of(shapes.get(3), shapes.get(1), shapes.get(4), shapes.get(0)), ShapeRegistry.lruVictims(shapes, created, 1));
    }
}
