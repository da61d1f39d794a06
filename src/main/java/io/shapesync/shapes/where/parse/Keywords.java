package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.Set;

/** Postgres 15's keyword categories (kwlist.h), which decide where a word may be a column, function or type name. */
final class Keywords {
    static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with");

    static final Set<String> TYPE_FUNC_NAME = Set.of("authorization", "binary", "collation", "concurrently",
            "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like",
            "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

    static final Set<String> COL_NAME = Set.of("between", "bigint", "bit", "boolean", "char", "character",
            "coalesce", "dec", "decimal", "exists", "extract", "float", "greatest", "grouping", "inout", "int",
            "integer", "interval", "least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out",
            "overlay", "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
            "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
            "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    private Keywords() {
    }

    /** Any identifier (quoted, or unquoted of any keyword category): Postgres' ColLabel / attr_name. */
    static boolean isLabel(Token t) {
        return t.kind() == Kind.IDENT || t.kind() == Kind.QIDENT;
    }

    /** ColId: a column or table name (not a reserved or type/function-name keyword). */
    static boolean isColId(Token t) {
        return t.kind() == Kind.QIDENT
                || (t.kind() == Kind.IDENT && !RESERVED.contains(t.text()) && !TYPE_FUNC_NAME.contains(t.text()));
    }

    /** type_function_name: a function or type name (not a reserved or column-name keyword). */
    static boolean isTypeFunctionName(Token t) {
        return t.kind() == Kind.QIDENT
                || (t.kind() == Kind.IDENT && !RESERVED.contains(t.text()) && !COL_NAME.contains(t.text()));
    }
}
