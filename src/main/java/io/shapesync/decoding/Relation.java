package io.shapesync.decoding;

import java.util.List;
import java.util.Objects;

/**
 * {@code R}: a published table's shape. {@code replicaIdentity} is {@code 'd'} default, {@code 'n'} nothing,
 * {@code 'f'} full or {@code 'i'} index. Re-sent whenever it changes (and after e.g. TRUNCATE): replace by id.
 */
public record Relation(int relationId, String namespace, String name, char replicaIdentity, List<Column> columns)
        implements PgOutputMessage {

    /** One column; {@code key} is set when it is part of the replica identity. */
    public record Column(boolean key, String name, int typeOid, int typeModifier) {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    public Relation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /** Index of the column named {@code columnName}, or -1. */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public int columnCount() {
        return columns.size();
    }

    public boolean identityFull() {
        return replicaIdentity == 'f';
    }

    /** {@code namespace.name}, unquoted. */
    public String qualifiedName() {
        return namespace + '.' + name;
    }
}
