package io.shapesync.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The read-only channel that request threads share for positional reads, opened on demand through
 * a {@link FileHandles} pool (which may close it between reads).
 * An interrupted reader closes a {@link FileChannel} for everybody; the channel is then reopened
 * so that one interrupted request cannot break the other readers.
 */
final class ReadChannel implements AutoCloseable, PositionalReader {

    private static final int MAX_REOPENS = 3;

    private final FileHandles.Handle handle;
    private volatile boolean closed;

    ReadChannel(FileHandles pool, Path file) {
        this.handle = pool.readHandle(file);
    }

    /**
     * Follows a rename of the file: later reopens use {@code renamed}. An open channel stays valid
     * (it refers to the same file).
     */
    void moveTo(Path renamed) {
        handle.moveTo(renamed);
    }

    /** Positional read that survives other threads' interrupts; -1 at end of file. */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        for (int attempt = 0;; attempt++) {
            FileChannel ch = handle.acquire();
            try {
                return ch.read(dst, position);
            } catch (ClosedByInterruptException e) {
                handle.discard(ch);
                throw e;
            } catch (AsynchronousCloseException e) {
                handle.discard(ch);
                if (attempt >= MAX_REOPENS) {
                    throw e;
                }
            } catch (ClosedChannelException e) {
                handle.discard(ch);
                if (closed || attempt >= MAX_REOPENS) {
                    throw e;
                }
            } finally {
                handle.release();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        handle.close();
    }
}
