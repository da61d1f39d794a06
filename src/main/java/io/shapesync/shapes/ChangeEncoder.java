package io.shapesync.shapes;

import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.shapes.where.EvaluationException;
import io.shapesync.shapes.where.RowFilter;
import io.shapesync.shapes.where.Where;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns rows and row changes into the wire's JSON messages for one shape (spec §7.1–§7.4): key, value, old_value
 * and headers, with the shape's column selection and replica mode. Used by one thread at a time.
 */
final class ChangeEncoder {
    private static final Logger LOG = Logger.getLogger(ChangeEncoder.class.getName());
    /** Initial builder size of a replicated message: a typical one (headers alone are ~150 chars) without regrowing. */
    private static final int MESSAGE_CAPACITY = 512;
    /**
     * A message produced for a change: its op offset within the transaction and its JSON, kept as text until written
     * (so that the last message of a transaction gets its {@code "last":true} header without a second copy).
     */
    static final class Encoded {
        private final long op;
        private final StringBuilder text;  // ends with the headers' and the message's closing "}}"

        Encoded(long op, StringBuilder text) {
            this.op = op;
            this.text = text;
        }

        long op() {
            return op;
        }

        byte[] json() {
            return bytes(text);
        }

        /** The JSON with {@code "last":true} added at the end of its headers; the last use of this message. */
        byte[] lastJson() {
            return bytes(text.insert(text.length() - 2, LAST_FIELD));
        }
    }

    private static final String LAST_FIELD = ",\"last\":true";

    private final ShapeDefinition definition;
    private final EncoderLayout layout;  // shared with the shapes that encode alike
    private final String keyPrefix;
    private RowFilter filter;
    private int[] selected;
    private int[] key;
    private int[] whereSlots;
    private EncoderLayout.Binding binding;

    ChangeEncoder(ShapeDefinition definition) {
        this(definition, EncoderLayout.of(definition));
    }

    /** An encoder reading {@code layout}, which must be {@code definition}'s (possibly shared with other shapes). */
    ChangeEncoder(ShapeDefinition definition, EncoderLayout layout) {
        this.definition = definition;
        this.layout = layout;
        this.keyPrefix = layout.keyPrefix;
        Where where = definition.where();
        this.filter = where == null || !where.subqueries().isEmpty() ? null : where.filter();
    }

    /** Replaces the row filter (shapes with subqueries read their current subquery results through it). */
    void useFilter(RowFilter rowFilter) {
        this.filter = rowFilter;
    }

    /** Whether the row is in the shape: its where clause is TRUE (an evaluation error counts as not matching). */
    boolean matches(Row row) {
        if (filter == null) return true;
        try {
            return filter.matches(slot -> row.get(whereSlots[slot]));
        } catch (EvaluationException e) {
            LOG.log(Level.FINE, "where clause of {0} raised an error on a row: {1}", new Object[]{definition.table().name(), e.getMessage()});
            return false;
        } catch (RuntimeException e) {
            // a defect in the evaluator: the shape cannot be trusted any more, rebuild it from a snapshot
            LOG.log(Level.WARNING, "where clause evaluation failed for " + definition.table().name(), e);
            throw new FilterFailedException(e);
        }
    }

    /** The columns (in the shape's order) and key columns, located in the snapshot's or stream's column order. */
    int[] selectedIndexes(List<String> sourceColumns) {
        return layout.selectedIndexes(sourceColumns);
    }

    int[] keyIndexes(List<String> sourceColumns) {
        return layout.keyIndexes(sourceColumns);
    }

    /** The relation header as messages carry it ({@code ["public","items"]}). */
    String relationJson() {
        return layout.relationJson;
    }

    /** Raised when the stream's relation lacks a column the shape selects (a schema change). */
    static final class ColumnMissingException extends RuntimeException {
        ColumnMissingException(String column) {
            super("column " + column + " is no longer in the table");
        }
    }

    /** The where clause's evaluator failed unexpectedly on a row. */
    static final class FilterFailedException extends RuntimeException {
        FilterFailedException(RuntimeException cause) {
            super("the where clause could not be evaluated: " + cause, cause);
        }
    }

    /** See {@link Shape#warm()}. */
    long warm() {
        EncoderLayout.Binding b = binding;
        return b == null ? 0 : b.selected().length;
    }

    /** Binds to a relation from the stream (cached until the relation object changes). */
    void bind(Relation relation) {
        EncoderLayout.Binding b = binding;
        if (b != null && b.relation() == relation) return;
        b = layout.bind(relation);
        selected = b.selected();
        key = b.key();
        whereSlots = b.whereSlots();
        binding = b;
    }

    /** A snapshot row: values in the order of {@code values} as located by the given indexes. */
    byte[] snapshotRow(String[] values, int[] sel, int[] keyIdx) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"key\":");
        Json.string(sb, keyOf(values, keyIdx));
        sb.append(",\"value\":{");
        String[] names = layout.names;
        for (int i = 0; i < sel.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(names[i]);
            appendValue(sb, values[sel[i]]);
        }
        sb.append("},\"headers\":{\"operation\":\"insert\",\"relation\":").append(layout.relationJson).append("}}");
        return bytes(sb);
    }

    /**
     * A byte-level {@link #snapshotRow} for a snapshot read with {@code COPY … TO STDOUT}: the rows' fields are the
     * given source columns, in order.
     */
    CopyRowEncoder copyRowEncoder(List<String> sourceColumns) {
        return new CopyRowEncoder(keyPrefix, layout.relationJson, definition.columns(), sourceColumns.size(),
                selectedIndexes(sourceColumns), keyIndexes(sourceColumns));
    }

    /** A subset-snapshot row: an insert carrying the request's {@code snapshot_mark} (spec §10). */
    byte[] subsetRow(String[] values, int[] sel, int[] keyIdx, long mark) {
        return withHeader(snapshotRow(values, sel, keyIdx), "\"snapshot_mark\":" + mark);
    }

    private String keyOf(String[] values, int[] keyIdx) {
        StringBuilder sb = new StringBuilder(keyPrefix.length() + 16).append(keyPrefix);
        for (int i : keyIdx) appendKeyPart(sb, values[i]);
        return sb.toString();
    }

    private String keyOf(Row row) {
        StringBuilder sb = new StringBuilder(keyPrefix.length() + 16).append(keyPrefix);
        for (int i : key) appendKeyPart(sb, row.get(i));
        return sb.toString();
    }

    private static void appendKeyPart(StringBuilder sb, String v) {
        if (v == null) sb.append("/_");
        else sb.append("/\"").append(v.replace("/", "//")).append('"');
    }

    /** Transaction context of replicated messages. */
    record Tx(long xid, long lsn) {
    }

    /** Encodes one row change; emits 0, 1 or 2 messages (a key change is a delete and an insert). */
    void insert(Row row, Tx tx, long n, Consumer<Encoded> out) {
        if (!matches(row)) return;
        String k = keyOf(row);
        out.accept(new Encoded(2 * n, message("insert", k, row, null, tx, 2 * n, null, null)));
    }

    void delete(Row old, Tx tx, long n, Consumer<Encoded> out) {
        delete(old, tx, n, out, true);
    }

    /**
     * An update, seen through the where clause (spec §11.5): in before and after → update; only before → move-out
     * (a delete of the old key); only after → move-in (an insert of the full new row); neither → nothing.
     */
    void update(Row old, Row now, Tx tx, long n, Consumer<Encoded> out) {
        if (filter != null) {
            Row full = old == null ? now : now.withUnchangedFrom(old);
            boolean newIn = matches(full);
            boolean oldIn = old == null ? newIn : matches(old);
            if (!oldIn && !newIn) return;
            if (!newIn) {
                delete(old == null ? full : old, tx, n, out, false);
                return;
            }
            if (!oldIn || old == null) {
                insert(full, tx, n, out);
                return;
            }
        }
        changed(old, now, tx, n, out);
    }

    private void delete(Row old, Tx tx, long n, Consumer<Encoded> out, boolean check) {
        if (check && !matches(old)) return;
        out.accept(new Encoded(2 * n, message("delete", keyOf(old), old, layout.full ? null : key,
                tx, 2 * n, null, null)));
    }

    private void changed(Row old, Row now, Tx tx, long n, Consumer<Encoded> out) {
        String newKey = keyOf(now);
        if (old != null) {
            String oldKey = keyOf(old);
            if (!oldKey.equals(newKey)) {
                out.accept(new Encoded(2 * n, message("delete", oldKey, old, layout.full ? null : key,
                        tx, 2 * n, "key_change_to", newKey)));
                out.accept(new Encoded(2 * n + 1, message("insert", newKey, now, null, tx, 2 * n + 1, "key_change_from", oldKey)));
                return;
            }
        }
        StringBuilder sb = new StringBuilder(MESSAGE_CAPACITY);
        sb.append("{\"key\":");
        Json.string(sb, newKey);
        sb.append(",\"value\":{");
        boolean full = layout.full;
        String[] names = layout.names;
        boolean[] primaryKey = layout.primaryKey;
        boolean any = false;
        boolean first = true;
        for (int i = 0; i < selected.length; i++) {
            int c = selected[i];
            if (now.isUnchangedToast(c)) continue;
            boolean changed = old == null || old.isUnchangedToast(c) || !java.util.Objects.equals(old.get(c), now.get(c));
            any |= changed;
            if (full || changed || primaryKey[i]) {
                if (!first) sb.append(',');
                first = false;
                sb.append(names[i]);
                appendValue(sb, now.get(c));
            }
        }
        if (!any) return;
        sb.append('}');
        if (full && old != null) {
            sb.append(",\"old_value\":{");
            first = true;
            for (int i = 0; i < selected.length; i++) {
                int c = selected[i];
                if (now.isUnchangedToast(c) || old.isUnchangedToast(c) || java.util.Objects.equals(old.get(c), now.get(c))) continue;
                if (!first) sb.append(',');
                first = false;
                sb.append(names[i]);
                appendValue(sb, old.get(c));
            }
            sb.append('}');
        }
        appendHeaders(sb, "update", tx, 2 * n, null, null);
        out.accept(new Encoded(2 * n, sb));
    }

    private StringBuilder message(String operation, String k, Row row, int[] onlyColumns, Tx tx, long op, String extraName,
                           String extraValue) {
        StringBuilder sb = new StringBuilder(MESSAGE_CAPACITY);
        sb.append("{\"key\":");
        Json.string(sb, k);
        sb.append(",\"value\":{");
        boolean first = true;
        String[] names = layout.names;
        for (int i = 0; i < selected.length; i++) {
            int c = selected[i];
            if (row.isUnchangedToast(c)) continue;
            if (onlyColumns != null && !contains(onlyColumns, c)) continue;
            if (!first) sb.append(',');
            first = false;
            sb.append(names[i]);
            appendValue(sb, row.get(c));
        }
        sb.append('}');
        appendHeaders(sb, operation, tx, op, extraName, extraValue);
        return sb;
    }

    private void appendHeaders(StringBuilder sb, String operation, Tx tx, long op, String extraName, String extraValue) {
        sb.append(",\"headers\":{\"operation\":\"").append(operation).append("\",\"relation\":").append(layout.relationJson)
                .append(",\"txids\":[").append(tx.xid()).append("],\"lsn\":\"").append(Long.toUnsignedString(tx.lsn()))
                .append("\",\"op_position\":").append(op);
        if (extraName != null) {
            sb.append(",\"").append(extraName).append("\":");
            Json.string(sb, extraValue);
        }
        sb.append("}}");
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    private static void appendValue(StringBuilder sb, String v) {
        if (v == null) sb.append("null");
        else Json.string(sb, v);
    }

    /** Adds {@code "last":true} to a message's headers (the last change of a transaction for this shape). */
    static byte[] markLast(byte[] json) {
        return withHeader(json, "\"last\":true");
    }

    /** Adds one header field: every message this encoder makes ends with its headers' and its own closing "}}". */
    private static byte[] withHeader(byte[] json, String field) {
        byte[] suffix = ("," + field + "}}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[json.length - 2 + suffix.length];
        System.arraycopy(json, 0, out, 0, json.length - 2);
        System.arraycopy(suffix, 0, out, json.length - 2, suffix.length);
        return out;
    }

    private static byte[] bytes(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
