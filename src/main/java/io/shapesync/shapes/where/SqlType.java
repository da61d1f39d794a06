package io.shapesync.shapes.where;

import java.util.Map;
import java.util.Set;

/** A type of the where language: a supported Postgres base type (or enum), possibly an array of it. */
record SqlType(String name, boolean array, boolean isEnum) {
    static final SqlType BOOL = of("bool");
    static final SqlType INT2 = of("int2");
    static final SqlType INT4 = of("int4");
    static final SqlType INT8 = of("int8");
    static final SqlType FLOAT4 = of("float4");
    static final SqlType FLOAT8 = of("float8");
    static final SqlType NUMERIC = of("numeric");
    static final SqlType TEXT = of("text");
    static final SqlType VARCHAR = of("varchar");
    static final SqlType BPCHAR = of("bpchar");
    static final SqlType NAME = of("name");
    static final SqlType UUID = of("uuid");
    static final SqlType DATE = of("date");
    static final SqlType TIME = of("time");
    static final SqlType TIMESTAMP = of("timestamp");
    static final SqlType TIMESTAMPTZ = of("timestamptz");
    static final SqlType INTERVAL = of("interval");
    static final SqlType BYTEA = of("bytea");
    static final SqlType JSONB = of("jsonb");
    static final SqlType JSON = of("json");
    static final SqlType UNKNOWN = of("unknown");

    static final Set<String> SUPPORTED = Set.of("bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text",
            "varchar", "bpchar", "name", "uuid", "date", "time", "timestamp", "timestamptz", "interval", "bytea",
            "jsonb", "json");

    private static final Map<String, Set<String>> IMPLICIT = Map.ofEntries(
            Map.entry("int2", Set.of("int4", "int8", "numeric", "float4", "float8")),
            Map.entry("int4", Set.of("int8", "numeric", "float4", "float8")),
            Map.entry("int8", Set.of("numeric", "float4", "float8")),
            Map.entry("numeric", Set.of("float4", "float8")),
            Map.entry("float4", Set.of("float8")),
            Map.entry("varchar", Set.of("text", "bpchar", "name")),
            Map.entry("bpchar", Set.of("text", "varchar", "name")),
            Map.entry("text", Set.of("varchar", "bpchar", "name")),
            Map.entry("name", Set.of("text")),
            Map.entry("date", Set.of("timestamp", "timestamptz")),
            Map.entry("timestamp", Set.of("timestamptz")),
            Map.entry("time", Set.of("interval")));

    static SqlType of(String name) {
        return new SqlType(name, false, false);
    }

    static SqlType enumType(String name) {
        return new SqlType(name, false, true);
    }

    SqlType arrayOf() {
        return new SqlType(name, true, isEnum);
    }

    SqlType elem() {
        return new SqlType(name, false, isEnum);
    }

    boolean isUnknown() {
        return !array && name.equals("unknown");
    }

    /** Postgres' typcategory. */
    char category() {
        if (array) {
            return 'A';
        }
        if (isEnum) {
            return 'E';
        }
        return switch (name) {
            case "bool" -> 'B';
            case "int2", "int4", "int8", "float4", "float8", "numeric" -> 'N';
            case "text", "varchar", "bpchar", "name" -> 'S';
            case "date", "time", "timestamp", "timestamptz" -> 'D';
            case "interval" -> 'T';
            case "unknown" -> 'X';
            default -> 'U';
        };
    }

    boolean preferred() {
        return !array && !isEnum && switch (name) {
            case "bool", "float8", "text", "timestamptz", "interval" -> true;
            default -> false;
        };
    }

    boolean isInteger() {
        return !array && (name.equals("int2") || name.equals("int4") || name.equals("int8"));
    }

    boolean isFloat() {
        return !array && (name.equals("float4") || name.equals("float8"));
    }

    boolean isText() {
        return !array && !isEnum && category() == 'S';
    }

    /** Whether values of this type carry a collation (text ordering gets COLLATE "C"). */
    boolean collatable() {
        return isText();
    }

    /** Implicit coercion (pg_cast context 'i', array element coercion; unknown coerces to anything). */
    static boolean canImplicit(SqlType from, SqlType to) {
        if (from.equals(to) || from.isUnknown()) {
            return true;
        }
        if (from.array != to.array || from.isEnum || to.isEnum) {
            return false;
        }
        return IMPLICIT.getOrDefault(from.name, Set.of()).contains(to.name);
    }

    /** The type as written in SQL. */
    String sql() {
        String base = isEnum ? Sql.ident(name) : name;
        return array ? base + "[]" : base;
    }

    /** The name Postgres uses in messages (format_type). */
    String display() {
        String base = switch (name) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            case "varchar" -> "character varying";
            case "bpchar" -> "character";
            case "timestamp" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            default -> name;
        };
        return array ? base + "[]" : base;
    }

    @Override
    public String toString() {
        return sql();
    }
}
