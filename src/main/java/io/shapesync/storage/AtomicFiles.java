package io.shapesync.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe replacement of small files (metadata): after a crash a reader finds either the old
 * or the new content, never a mix.
 */
public final class AtomicFiles {

    static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to a temp file next to {@code target}, forces it, moves it over
     * {@code target} atomically and forces the directory.
     *
     * @throws StorageException naming the file if any step fails
     */
    public static void write(Path target, byte[] content) {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                long pos = 0;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new StorageException("Cannot write " + target + " atomically: " + e, e);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces a directory so that created, renamed or deleted entries survive a crash. */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new StorageException("Cannot force directory " + dir + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path temp, IOException primary) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
