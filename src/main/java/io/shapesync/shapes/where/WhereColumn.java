package io.shapesync.shapes.where;

/**
 * A table column as the where language sees it: its name, the Postgres type name of its values ({@code typname}
 * from pg_type: {@code int4}, {@code text}, {@code timestamptz}, an enum's name, ...; for arrays the element type),
 * array dimensions (0 = scalar) and whether the type is an enum ({@code typtype = 'e'}).
 */
public record WhereColumn(String name, String typeName, int dims, boolean isEnum) {
}
