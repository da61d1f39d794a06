package io.shapesync.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads a log's bytes by position, like {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}. */
interface PositionalReader {
    /** Reads some bytes at {@code position} into {@code dst}; -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException;
}
