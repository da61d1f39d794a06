package io.shapesync.storage;

/**
 * A failure of the shape-log storage: I/O errors and corrupt data. The message names the file
 * and, where it applies, the byte position.
 */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
