package io.shapesync.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldCreateFileWhenTargetIsMissing() throws IOException {
        Path target = dir.resolve("shape.json");
        AtomicFiles.write(target, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"a\":1}", Files.readString(target));
        assertFalse(Files.exists(dir.resolve("shape.json" + AtomicFiles.TEMP_SUFFIX)));
    }

    @Test
    void shouldReplaceContentWhenTargetExists() throws IOException {
        Path target = dir.resolve("checkpoint");
        AtomicFiles.write(target, new byte[] {1, 2, 3, 4, 5});
        AtomicFiles.write(target, new byte[] {9});
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void shouldThrowStorageExceptionNamingFileWhenDirectoryIsMissing() {
        Path target = dir.resolve("missing").resolve("shape.json");
        StorageException e = assertThrows(StorageException.class,
                () -> AtomicFiles.write(target, new byte[] {1}));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    }
}
