package io.shapesync.shapes;

import io.shapesync.decoding.Relation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link ChangeEncoder} needs besides the shape's filter, computed once and shared by every shape with the same
 * table, columns, key, replica mode and where-clause columns (100 000 shapes {@code id = k} on one table share one):
 * the key prefix, the relation header, each selected column's {@code "name":} text and whether it is a primary-key
 * column, and the column positions in the stream's current relation. On the replication thread a change then reads
 * these shared, cache-hot objects instead of each shape's own copies scattered over the heap. Immutable except for
 * the binding, an immutable record replaced as a whole (any thread may bind; all compute the same result).
 */
final class EncoderLayout {
    /**
     * The layouts shared by one registry's shapes, one per distinct key. Beyond {@link #MAX_SHARED} distinct layouts
     * (or after their shapes are gone: entries are small and never removed) a new definition gets a layout of its own.
     */
    static final class Shared {
        private static final int MAX_SHARED = 4096;
        private final Map<Key, EncoderLayout> layouts = new ConcurrentHashMap<>();

        /** The layout of {@code definition}, shared with every definition that encodes alike. */
        EncoderLayout of(ShapeDefinition definition) {
            Key k = key(definition);
            EncoderLayout shared = layouts.get(k);
            if (shared != null) return shared;
            if (layouts.size() >= MAX_SHARED) return new EncoderLayout(k);
            return layouts.computeIfAbsent(k, EncoderLayout::new);
        }
    }

    private record Key(QualifiedName table, List<String> columns, List<String> keyColumns, List<String> primaryKey,
                       boolean full, List<String> whereColumns) {
    }

    /** The columns' positions in one stream relation. */
    record Binding(Relation relation, int[] selected, int[] key, int[] whereSlots) {
    }

    final String keyPrefix;
    final String relationJson;
    final List<String> columns;
    final List<String> keyColumns;
    /** Per selected column: its JSON name and a colon, e.g. {@code "id":}. */
    final String[] names;
    /** Per selected column: part of the primary key (always written in an update's value). */
    final boolean[] primaryKey;
    final boolean full;
    private final List<String> whereColumns;  // null without a where clause
    private volatile Binding binding;

    private EncoderLayout(Key k) {
        QualifiedName name = k.table();
        this.keyPrefix = '"' + escapeName(name.schema()) + "\".\"" + escapeName(name.name()) + '"';
        this.relationJson = "[" + Json.quoted(name.schema()) + "," + Json.quoted(name.name()) + "]";
        this.columns = k.columns();
        this.keyColumns = k.keyColumns();
        this.names = new String[columns.size()];
        this.primaryKey = new boolean[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = Json.string(new StringBuilder(), columns.get(i)).append(':').toString();
            primaryKey[i] = k.primaryKey().contains(columns.get(i));
        }
        this.full = k.full();
        this.whereColumns = k.whereColumns();
    }

    /** A layout of {@code definition}'s own, shared with nobody. */
    static EncoderLayout of(ShapeDefinition definition) {
        return new EncoderLayout(key(definition));
    }

    private static Key key(ShapeDefinition definition) {
        List<String> pk = definition.table().primaryKey();
        List<String> keyColumns;
        if (pk.isEmpty()) {
            List<String> all = new ArrayList<>(definition.columns());
            all.sort(Comparator.naturalOrder());
            keyColumns = List.copyOf(all);
        } else {
            keyColumns = List.copyOf(pk);
        }
        List<String> where = definition.where() == null ? null : List.copyOf(definition.where().columns());
        return new Key(definition.table().name(), definition.columns(), keyColumns, List.copyOf(pk),
                definition.replica() == Replica.FULL, where);
    }

    /** The positions in {@code relation} (cached until the relation object changes). */
    Binding bind(Relation relation) {
        Binding b = binding;
        if (b != null && b.relation() == relation) return b;
        List<String> names = new ArrayList<>(relation.columns().size());
        for (Relation.Column c : relation.columns()) names.add(c.name());
        int[] selected = selectedIndexes(names);
        int[] key = keyIndexes(names);
        int[] whereSlots = null;
        if (whereColumns != null) {
            whereSlots = new int[whereColumns.size()];
            for (int i = 0; i < whereSlots.length; i++) whereSlots[i] = indexOf(names, whereColumns.get(i));
        }
        b = new Binding(relation, selected, key, whereSlots);
        binding = b;
        return b;
    }

    /** The columns (in the shape's order), located in the snapshot's or stream's column order. */
    int[] selectedIndexes(List<String> sourceColumns) {
        int[] idx = new int[columns.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = indexOf(sourceColumns, columns.get(i));
        return idx;
    }

    int[] keyIndexes(List<String> sourceColumns) {
        int[] idx = new int[keyColumns.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = indexOf(sourceColumns, keyColumns.get(i));
        return idx;
    }

    private static int indexOf(List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) throw new ChangeEncoder.ColumnMissingException(name);
        return i;
    }

    private static String escapeName(String s) {
        return s.replace("/", "//").replace(".", "..");
    }
}
