package io.shapesync.shapes;

import io.shapesync.shapes.where.WhereColumn;

/**
 * One table column as the catalog describes it. {@code typeName} is the element type for arrays.
 * {@code pkIndex} is the 0-based position in the primary key, or -1. {@code isEnum}: the (element) type is an enum.
 * {@code typeOid}: the attribute's type OID ({@code atttypid}; 0 when unknown), to notice ALTER COLUMN ... TYPE.
 */
public record ColumnInfo(String name, String typeName, int typeModifier, boolean notNull, int dims, int pkIndex,
                         boolean generated, boolean isEnum, int typeOid) {

    public ColumnInfo(String name, String typeName, int typeModifier, boolean notNull, int dims, int pkIndex,
                      boolean generated) {
        this(name, typeName, typeModifier, notNull, dims, pkIndex, generated, false, 0);
    }

    public ColumnInfo(String name, String typeName, int typeModifier, boolean notNull, int dims, int pkIndex,
                      boolean generated, boolean isEnum) {
        this(name, typeName, typeModifier, notNull, dims, pkIndex, generated, isEnum, 0);
    }

    /** This column as the where language sees it. */
    public WhereColumn whereColumn() {
        return new WhereColumn(name, typeName, dims, isEnum);
    }

    /** The {@code electric-schema} entry for this column (spec §6.5). */
    public StringBuilder schemaJson(StringBuilder sb) {
        sb.append("{\"type\":");
        Json.string(sb, typeName);
        if (dims > 0) sb.append(",\"dims\":").append(dims);
        if (pkIndex >= 0) sb.append(",\"pk_index\":").append(pkIndex);
        if (notNull) sb.append(",\"not_null\":true");
        appendModifier(sb);
        return sb.append('}');
    }

    private void appendModifier(StringBuilder sb) {
        int mod = typeModifier;
        if (mod < 0) return;
        switch (typeName) {
            case "varchar" -> sb.append(",\"max_length\":").append(mod - 4);
            case "bpchar" -> sb.append(",\"length\":").append(mod - 4);
            case "bit", "varbit" -> sb.append(",\"length\":").append(mod);
            case "time", "timetz", "timestamp", "timestamptz" -> sb.append(",\"precision\":").append(mod);
            case "numeric" -> sb.append(",\"precision\":").append(((mod - 4) >> 16) & 0xFFFF)
                    .append(",\"scale\":").append((mod - 4) & 0xFFFF);
            case "interval" -> appendInterval(sb, mod);
            default -> sb.append(",\"type_mod\":").append(mod);
        }
    }

    private static void appendInterval(StringBuilder sb, int mod) {
        int precision = mod & 0xFFFF;
        int fields = (mod >> 16) & 0x7FFF;
        if (precision != 0xFFFF) sb.append(",\"precision\":").append(precision);
        if (fields == 0x7FFF) return;
        String first = null;
        String last = null;
        String[] names = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
        int[] bits = {1 << 2, 1 << 1, 1 << 3, 1 << 10, 1 << 11, 1 << 12};
        for (int i = 0; i < names.length; i++) {
            if ((fields & bits[i]) != 0) {
                if (first == null) first = names[i];
                last = names[i];
            }
        }
        if (first != null) sb.append(",\"fields\":\"").append(first.equals(last) ? first : first + " TO " + last).append('"');
    }
}
