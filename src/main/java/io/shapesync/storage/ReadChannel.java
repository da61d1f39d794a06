package io.shapesync.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read-only channel that request threads share for positional reads, opened on first use.
 * An interrupted reader closes a {@link FileChannel} for everybody; the channel is then reopened
 * so that one interrupted request cannot break the other readers.
 */
final class ReadChannel implements AutoCloseable {

    private static final int MAX_REOPENS = 3;

    private volatile Path file;
    private final AtomicReference<FileChannel> channel = new AtomicReference<>();
    private volatile boolean closed;

    ReadChannel(Path file) {
        this.file = file;
    }

    /**
     * Follows a rename of the file: later reopens use {@code renamed}. An open channel stays valid
     * (it refers to the same file).
     */
    void moveTo(Path renamed) {
        file = renamed;
    }

    /** Positional read that survives other threads' interrupts; -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException {
        for (int attempt = 0;; attempt++) {
            FileChannel ch = current();
            try {
                return ch.read(dst, position);
            } catch (ClosedByInterruptException e) {
                reopen(ch);
                throw e;
            } catch (AsynchronousCloseException e) {
                if (attempt >= MAX_REOPENS) {
                    throw e;
                }
                reopen(ch);
            } catch (ClosedChannelException e) {
                if (closed || attempt >= MAX_REOPENS) {
                    throw e;
                }
                reopen(ch);
            }
        }
    }

    private FileChannel current() throws IOException {
        FileChannel ch = channel.get();
        return ch != null && ch.isOpen() ? ch : reopen(ch);
    }

    private FileChannel reopen(FileChannel broken) throws IOException {
        if (closed) {
            throw new StorageException("Shape log " + file + " is closed");
        }
        FileChannel fresh = FileChannel.open(file, StandardOpenOption.READ);
        if (channel.compareAndSet(broken, fresh)) {
            if (closed) {
                fresh.close();
                throw new StorageException("Shape log " + file + " is closed");
            }
            return fresh;
        }
        fresh.close();
        FileChannel other = channel.get();
        if (other == null) {
            throw new StorageException("Shape log " + file + " is closed");
        }
        return other;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        FileChannel ch = channel.getAndSet(null);
        if (ch != null) {
            ch.close();
        }
    }
}
