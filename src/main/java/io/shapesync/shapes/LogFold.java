package io.shapesync.shapes;

import io.shapesync.storage.FileShapeLog;
import java.util.List;
import java.util.function.Consumer;

/**
 * Folds a {@code log=full} shape's messages, from the start of its log up to a cut, into the latest state per key:
 * exactly the rows a client holds after applying them. Each row present at the cut comes out once as an insert
 * message in the initial-snapshot form ({@code {"key":..,"value":{..},"headers":{"operation":"insert","relation":[..]}}},
 * value columns in the shape's column order); deleted keys come out not at all. Control messages are skipped.
 *
 * <p>Memory is proportional to the number of distinct keys alive at the cut plus the merged columns of rows updated
 * since their insert, not to the length of the log: the log is read twice.
 */
final class LogFold {

    /** Calls the sink with every record up to the cut, in log order; called more than once. */
    interface Source {
        void read(FileShapeLog.RecordSink sink);
    }

    /** What a fold did: records read (one pass), and rows written. */
    record Result(long records, long rows) {
    }

    private LogFold() {
    }

    /**
     * Folds {@code source} into {@code rows}. {@code relationJson} is the relation header as the encoder writes it
     * ({@code ["public","items"]}).
     *
     * @throws IllegalArgumentException naming the offset, if a record is not a message this shape's encoder writes
     */
    static Result fold(Source source, List<String> columns, String relationJson, Consumer<byte[]> rows) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
