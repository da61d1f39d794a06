package io.shapesync.shapes.where;

/** The types the differential test's predicate generator knows, grouped into comparable families. */
enum GenTy {
    INT2("int2", Family.NUM), INT4("int4", Family.NUM), INT8("int8", Family.NUM),
    NUMERIC("numeric", Family.NUM), FLOAT4("float4", Family.NUM), FLOAT8("float8", Family.NUM),
    TEXT("text", Family.STR), VARCHAR("varchar", Family.STR), BPCHAR("bpchar", Family.STR),
    BOOL("bool", Family.BOOL), UUID("uuid", Family.UUID),
    DATE("date", Family.TS), TIMESTAMP("timestamp", Family.TS), TIMESTAMPTZ("timestamptz", Family.TS),
    TIME("time", Family.TIME), INTERVAL("interval", Family.INTERVAL),
    INT4ARR("int4[]", Family.INTARR), TEXTARR("text[]", Family.TEXTARR),
    JSONB("jsonb", Family.JSONB), ENUM("enum", Family.ENUM);

    enum Family { NUM, STR, BOOL, UUID, TS, TIME, INTERVAL, INTARR, TEXTARR, JSONB, ENUM }

    final String pg;
    final Family family;

    GenTy(String pg, Family family) {
        this.pg = pg;
        this.family = family;
    }

    boolean isInteger() {
        return this == INT2 || this == INT4 || this == INT8;
    }

    boolean isFloat() {
        return this == FLOAT4 || this == FLOAT8;
    }

    /** Result type of {@code a op b} for + - * / on two numbers (Postgres' operator resolution). */
    static GenTy arith(GenTy a, GenTy b) {
        if (a.isFloat() || b.isFloat()) return a == FLOAT4 && b == FLOAT4 ? FLOAT4 : FLOAT8;
        if (a == NUMERIC || b == NUMERIC) return NUMERIC;
        if (a == INT8 || b == INT8) return INT8;
        if (a == INT4 || b == INT4) return INT4;
        return INT2;
    }
}
