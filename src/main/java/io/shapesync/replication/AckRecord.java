package io.shapesync.replication;

import io.shapesync.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The highest LSN this instance acknowledged on its slot, kept in the data directory and written (forced) before the
 * acknowledgement is sent. So when the slot's {@code confirmed_flush_lsn} is above it, somebody else consumed the slot
 * since (another instance took over); the shapes of this data directory then miss those changes.
 */
final class AckRecord {
    static final String FILE = "replication-ack";

    private final Path file;
    private long written = -1;

    AckRecord(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** The recorded LSN, or empty when this data directory never acknowledged anything (or predates the record). */
    OptionalLong read() {
        try {
            if (!Files.exists(file)) return OptionalLong.empty();
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            long v = Long.parseUnsignedLong(text);
            written = v;
            return OptionalLong.of(v);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Records {@code lsn} (forced to disk) unless a higher or equal one is recorded already. */
    void write(long lsn) {
        if (written != -1 && Long.compareUnsigned(lsn, written) <= 0) return;
        if (written == -1) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file.getParent(), e);
            }
        }
        AtomicFiles.write(file, Long.toUnsignedString(lsn).getBytes(StandardCharsets.US_ASCII));
        written = lsn;
    }

    /** Records {@code lsn} even if it is lower than the recorded one (the stream was reset to it). */
    void reset(long lsn) {
        written = -1;
        write(lsn);
    }

    /**
     * Why the shapes of this data directory cannot continue from a slot confirmed up to {@code confirmed}, or null if
     * they can. {@code created}: the slot was just created. {@code recorded}: {@link #read()}.
     */
    static String resetReason(boolean created, long confirmed, OptionalLong recorded) {
        if (created) return "the slot was created anew";
        if (recorded.isEmpty()) return "this data directory has no record of acknowledging the slot (confirmed up to "
                + new io.shapesync.decoding.Lsn(confirmed) + ")";
        if (Long.compareUnsigned(confirmed, recorded.getAsLong()) > 0) {
            return "the slot was consumed up to " + new io.shapesync.decoding.Lsn(confirmed) + " by another instance; this"
                    + " one last acknowledged " + new io.shapesync.decoding.Lsn(recorded.getAsLong());
        }
        return null;
    }
}
