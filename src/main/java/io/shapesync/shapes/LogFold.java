package io.shapesync.shapes;

import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Folds a {@code log=full} shape's messages, from the start of its log up to a cut, into the latest state per key:
 * exactly the rows a client holds after applying them. Each row present at the cut comes out once as an insert
 * message in the initial-snapshot form ({@code {"key":..,"value":{..},"headers":{"operation":"insert","relation":[..]}}},
 * value columns in the shape's column order); deleted keys come out not at all. Control messages are skipped.
 *
 * <p>Memory is proportional to the number of distinct keys alive at the cut plus the merged columns of rows updated
 * since their insert, not to the length of the log: the log is read twice.
 *
 * <p>Pass 1 keeps, per live key, the ordinal of the record that made it present (its last insert, or the update that
 * found it absent) and the columns merged from the updates since; a delete forgets the key. Pass 2 re-reads the log,
 * parses only those records and writes each one merged with its updates, in log order. A pass 2 is skipped when no
 * key is alive.
 */
final class LogFold {

    /** Calls the sink with every record up to the cut, in log order; called more than once. */
    interface Source {
        void read(FileShapeLog.RecordSink sink);
    }

    /** What a fold did: records read (one pass), and rows written. */
    record Result(long records, long rows) {
    }

    /** Marks a column a row does not carry (a JSON null is a Java null); compared by identity, never by value. */
    private static final String ABSENT = new String("absent");

    private enum Kind { INSERT, UPDATE, DELETE, CONTROL }

    /** A key alive at the cut: the record that made it present, and the columns of the updates since (or null). */
    private static final class Live {
        final String key;
        final long anchor;
        String[] updated;

        Live(String key, long anchor) {
            this.key = key;
            this.anchor = anchor;
        }
    }

    /** A record that is not a message of this shape; the caller names the offset. */
    private static final class NotAMessage extends RuntimeException {
        NotAMessage(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String[] columnPrefixes;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final String relationJson;
    private final JsonParserFactory parsers = jakarta.json.Json.createParserFactory(Map.of());

    // pass counters
    private long records;
    private long position;
    private int next;

    // the record just read: its key, kind, and value columns (ABSENT where it has none)
    private final String[] values;
    private String key;
    private Kind kind;
    private boolean hasValue;
    private boolean control;

    private LogFold(List<String> columns, String relationJson) {
        this.relationJson = relationJson;
        this.values = new String[columns.size()];
        this.columnPrefixes = new String[columns.size()];
        for (int i = 0; i < columnPrefixes.length; i++) {
            columnIndex.put(columns.get(i), i);
            columnPrefixes[i] = Json.quoted(columns.get(i)) + ":";
        }
    }

    /**
     * Folds {@code source} into {@code rows}. {@code relationJson} is the relation header as the encoder writes it
     * ({@code ["public","items"]}).
     *
     * @throws IllegalArgumentException naming the offset, if a record is not a message this shape's encoder writes
     */
    static Result fold(Source source, List<String> columns, String relationJson, Consumer<byte[]> rows) {
        LogFold fold = new LogFold(columns, relationJson);
        Live[] live = fold.collect(source);
        if (live.length > 0) fold.emit(source, live, rows);
        return new Result(fold.records, live.length);
    }

    /** Pass 1: the keys alive at the cut, ordered by the record that made them present. */
    private Live[] collect(Source source) {
        Map<String, Live> live = new HashMap<>();
        source.read((offset, payload) -> {
            long n = records++;
            read(offset, payload);
            switch (kind) {
                case INSERT -> insert(live, n);
                case UPDATE -> merge(live.computeIfAbsent(key, k -> new Live(k, n)));
                case DELETE -> live.remove(key);
                case CONTROL -> { }
            }
        });
        Live[] out = live.values().toArray(new Live[0]);
        Arrays.sort(out, Comparator.comparingLong(l -> l.anchor));
        return out;
    }

    /** The key becomes present from record {@code n}: anything merged before is dropped. */
    private void insert(Map<String, Live> live, long n) {
        Live before = live.get(key);
        String k = before == null ? key : before.key; // one copy of a key string: the map keeps its own
        live.put(k, new Live(k, n));
    }

    private void merge(Live row) {
        if (row.updated == null) {
            row.updated = new String[values.length];
            Arrays.fill(row.updated, ABSENT);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != ABSENT) row.updated[i] = values[i];
        }
    }

    /** Pass 2: writes each live row at the record that made it present, merged with its later updates. */
    private void emit(Source source, Live[] live, Consumer<byte[]> rows) {
        source.read((offset, payload) -> {
            long n = position++;
            if (next >= live.length || live[next].anchor != n) return;
            Live row = live[next++];
            read(offset, payload);
            if (!row.key.equals(key) || (kind != Kind.INSERT && kind != Kind.UPDATE)) {
                throw new IllegalStateException("log changed between the passes of a fold at " + offset);
            }
            rows.accept(render(row));
        });
        if (position != records || next != live.length) {
            throw new IllegalStateException("log changed between the passes of a fold: " + records + " records, then "
                    + position);
        }
    }

    /** The row as a snapshot row: the columns just read from its anchor record, overlaid by its later updates. */
    private byte[] render(Live row) {
        StringBuilder sb = new StringBuilder(128).append("{\"key\":");
        Json.string(sb, row.key).append(",\"value\":{");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            String v = row.updated != null && row.updated[i] != ABSENT ? row.updated[i] : values[i];
            if (v == ABSENT) continue;
            if (!first) sb.append(',');
            first = false;
            sb.append(columnPrefixes[i]);
            if (v == null) sb.append("null");
            else Json.string(sb, v);
        }
        sb.append("},\"headers\":{\"operation\":\"insert\",\"relation\":").append(relationJson).append("}}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- reading one record

    /** Parses one record into {@link #key}, {@link #kind} and {@link #values}. */
    private void read(LogOffset offset, ByteBuffer payload) {
        key = null;
        kind = null;
        hasValue = false;
        control = false;
        Arrays.fill(values, ABSENT);
        try (JsonParser p = parsers.createParser(stream(payload), StandardCharsets.UTF_8)) {
            if (p.next() != Event.START_OBJECT) throw new NotAMessage("not a JSON object");
            for (Event e = p.next(); e != Event.END_OBJECT; e = p.next()) {
                String name = p.getString();
                Event v = p.next();
                switch (name) {
                    case "key" -> key = text(p, v, "key");
                    case "value" -> readValue(p, v);
                    case "headers" -> readHeaders(p, v);
                    default -> skip(p, v);
                }
            }
            if (p.hasNext()) throw new NotAMessage("content after the message");
            check();
        } catch (NotAMessage e) {
            throw new IllegalArgumentException("record at " + offset + " is not a message of this shape: " + e.getMessage());
        } catch (JsonException | NoSuchElementException e) {
            throw new IllegalArgumentException("record at " + offset + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private void check() {
        if (key == null) {
            if (!control || kind != null || hasValue) throw new NotAMessage("neither a change with a key nor a control message");
            kind = Kind.CONTROL;
        } else if (kind == null) {
            throw new NotAMessage("no operation header");
        } else if (!hasValue) {
            throw new NotAMessage("no value");
        }
    }

    private void readValue(JsonParser p, Event e) {
        if (e != Event.START_OBJECT) throw new NotAMessage("value is not an object");
        hasValue = true;
        for (Event c = p.next(); c != Event.END_OBJECT; c = p.next()) {
            String column = p.getString();
            Integer i = columnIndex.get(column);
            if (i == null) throw new NotAMessage("column " + column + " is not in the shape");
            values[i] = switch (p.next()) {
                case VALUE_STRING -> p.getString();
                case VALUE_NULL -> null;
                default -> throw new NotAMessage("column " + column + " is neither a string nor null");
            };
        }
    }

    private void readHeaders(JsonParser p, Event e) {
        if (e != Event.START_OBJECT) throw new NotAMessage("headers is not an object");
        for (Event h = p.next(); h != Event.END_OBJECT; h = p.next()) {
            String name = p.getString();
            Event v = p.next();
            switch (name) {
                case "operation" -> kind = switch (text(p, v, "operation")) {
                    case "insert" -> Kind.INSERT;
                    case "update" -> Kind.UPDATE;
                    case "delete" -> Kind.DELETE;
                    default -> throw new NotAMessage("unknown operation " + p.getString());
                };
                case "control" -> {
                    text(p, v, "control");
                    control = true;
                }
                default -> skip(p, v);
            }
        }
    }

    private static String text(JsonParser p, Event e, String what) {
        if (e != Event.VALUE_STRING) throw new NotAMessage(what + " is not a string");
        return p.getString();
    }

    /** Skips the value that starts with {@code e} (nested objects and arrays included). */
    private static void skip(JsonParser p, Event e) {
        if (e != Event.START_OBJECT && e != Event.START_ARRAY) return;
        for (int depth = 1; depth > 0; ) {
            Event x = p.next();
            if (x == Event.START_OBJECT || x == Event.START_ARRAY) depth++;
            else if (x == Event.END_OBJECT || x == Event.END_ARRAY) depth--;
        }
    }

    private static InputStream stream(ByteBuffer payload) {
        ByteBuffer b = payload.duplicate();
        if (b.hasArray()) return new ByteArrayInputStream(b.array(), b.arrayOffset() + b.position(), b.remaining());
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return new ByteArrayInputStream(copy);
    }
}
