package io.shapesync.shapes;

import io.shapesync.shapes.where.WhereColumn;
import java.util.List;

/** A table as found in the catalog: OID, name, columns in attribute order, primary key column names in key order. */
public record TableInfo(int oid, QualifiedName name, List<ColumnInfo> columns, List<String> primaryKey) {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** Every column as the where language sees it. */
    public List<WhereColumn> whereColumns() {
        return columns.stream().map(ColumnInfo::whereColumn).toList();
    }

    public ColumnInfo column(String columnName) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(columnName)) return c;
        }
        return null;
    }
}
