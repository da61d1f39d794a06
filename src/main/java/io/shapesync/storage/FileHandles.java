package io.shapesync.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded set of open file channels shared by all shape logs, so that the number of shapes is
 * not limited by the process's file descriptors (each log has a write and a read {@link Handle}).
 *
 * <p>A handle opens its channel on first use and may have it closed when more than
 * {@code capacity} channels are open: the least recently used one goes, chosen by the clock
 * algorithm (one "referenced" bit per handle, no list to update per access). A channel in use
 * ({@link Handle#acquire} without {@link Handle#release} yet) is closed at its release, so the
 * count may exceed the capacity by the channels in use at that moment.
 *
 * <p>Closing a channel loses nothing: written bytes are in the page cache of the file, and a
 * later {@link FileChannel#force} through a newly opened channel flushes them (Linux and other
 * POSIX systems sync the file, not the descriptor).
 */
public final class FileHandles {

    private static final Logger LOG = Logger.getLogger(FileHandles.class.getName());

    /** Default capacity: leaves room for sockets (10k clients) below a 20,000 descriptor limit. */
    public static final int DEFAULT_CAPACITY = 4096;

    private static volatile FileHandles shared = new FileHandles(DEFAULT_CAPACITY);

    private final int capacity;
    // Guarded by this: the clock
    private final Handle[] ring;
    private final int[] freeSlots;
    private int freeCount;
    private int hand;
    private long opens;

    public FileHandles(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new Handle[capacity];
        this.freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    /** The pool that {@link FileShapeLog#open} uses. */
    public static FileHandles shared() {
        return shared;
    }

    /**
     * Replaces the shared pool (at startup, before logs are opened; logs opened earlier keep
     * the previous pool).
     */
    public static void configureShared(int capacity) {
        if (shared.capacity != capacity) {
            shared = new FileHandles(capacity);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Channels currently open through this pool and counted against its capacity. */
    public synchronized int openCount() {
        return capacity - freeCount;
    }

    /** Channels opened since the pool was made (first opens and reopens after eviction). */
    public synchronized long opens() {
        return opens;
    }

    /** A handle for {@code file}, not opened yet; the first open uses {@code firstOpen}, later ones {@code reopen}. */
    Handle handle(Path file, OpenOption[] firstOpen, OpenOption[] reopen) {
        return new Handle(file, firstOpen, reopen);
    }

    Handle readHandle(Path file) {
        OpenOption[] read = {StandardOpenOption.READ};
        return new Handle(file, read, read);
    }

    /** Adds a newly opened handle to the clock; returns the handle to evict, or null. */
    private synchronized Handle register(Handle h) {
        opens++;
        if (h.slot >= 0) {
            return null;
        }
        if (freeCount > 0) {
            int slot = freeSlots[--freeCount];
            ring[slot] = h;
            h.slot = slot;
            return null;
        }
        // Every handle gets a second chance: at most two sweeps find one not referenced.
        for (int steps = 0;; steps++) {
            Handle candidate = ring[hand];
            if (candidate.referenced && steps < 2 * capacity) {
                candidate.referenced = false;
                hand = (hand + 1) % capacity;
                continue;
            }
            candidate.slot = -1;
            ring[hand] = h;
            h.slot = hand;
            hand = (hand + 1) % capacity;
            return candidate;
        }
    }

    private synchronized void unregister(Handle h) {
        if (h.slot >= 0) {
            ring[h.slot] = null;
            freeSlots[freeCount++] = h.slot;
            h.slot = -1;
        }
    }

    /**
     * A file channel opened on demand and possibly closed by the pool between uses. Callers
     * bracket every use with {@link #acquire()} and {@link #release()}.
     */
    final class Handle implements AutoCloseable {

        private volatile Path file;
        private final OpenOption[] firstOpen;
        private final OpenOption[] reopen;
        private volatile boolean referenced;
        // Guarded by the pool
        private int slot = -1;
        // Guarded by this
        private FileChannel channel;
        private int users;
        private boolean evictAtRelease;
        private boolean opened;
        private boolean closed;

        private Handle(Path file, OpenOption[] firstOpen, OpenOption[] reopen) {
            this.file = file;
            this.firstOpen = firstOpen;
            this.reopen = reopen;
        }

        /** The open channel, opened if needed; pair with {@link #release()}. */
        FileChannel acquire() throws IOException {
            referenced = true;
            FileChannel ch;
            boolean fresh = false;
            synchronized (this) {
                if (closed) {
                    throw new StorageException("Shape log " + file + " is closed");
                }
                if (channel == null || !channel.isOpen()) {
                    channel = FileChannel.open(file, opened ? reopen : firstOpen);
                    opened = true;
                    fresh = true;
                }
                users++;
                ch = channel;
            }
            if (fresh) {
                Handle victim = register(this);
                if (victim != null) {
                    victim.evict();
                }
            }
            return ch;
        }

        void release() {
            FileChannel toClose = null;
            synchronized (this) {
                users--;
                if (users == 0 && (evictAtRelease || closed) && channel != null) {
                    toClose = channel;
                    channel = null;
                    evictAtRelease = false;
                }
            }
            closeQuietly(toClose);
        }

        /** After an error that closed {@code broken} (an interrupted read): the next acquire reopens. */
        void discard(FileChannel broken) {
            synchronized (this) {
                if (channel == broken) {
                    channel = null;
                }
            }
            closeQuietly(broken);
        }

        /** Follows a rename of the file: later opens use {@code renamed}; an open channel stays valid. */
        void moveTo(Path renamed) {
            file = renamed;
        }

        Path file() {
            return file;
        }

        private void evict() {
            FileChannel toClose = null;
            synchronized (this) {
                if (users > 0) {
                    evictAtRelease = true;
                } else {
                    toClose = channel;
                    channel = null;
                }
            }
            closeQuietly(toClose);
        }

        /** Closes the channel for good (at once, or at the last user's release); later acquires fail. */
        @Override
        public void close() throws IOException {
            FileChannel toClose = null;
            synchronized (this) {
                closed = true;
                if (users == 0) {
                    toClose = channel;
                    channel = null;
                }
            }
            unregister(this);
            if (toClose != null) {
                toClose.close();
            }
        }

        private void closeQuietly(FileChannel ch) {
            if (ch == null) {
                return;
            }
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot close " + file + ": " + e, e);
            }
        }
    }
}
