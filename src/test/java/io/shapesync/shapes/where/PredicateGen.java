package io.shapesync.shapes.where;

import static io.shapesync.shapes.where.GenExpr.f;
import static io.shapesync.shapes.where.GenExpr.node;

import io.shapesync.shapes.where.GenTy.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random, well-typed where clauses over a {@link DiffTable}: a typed grammar of comparisons, boolean connectives,
 * null/distinct/bool tests, IN, BETWEEN, LIKE, arithmetic, casts, functions, date/interval arithmetic, arrays,
 * jsonb and enums. Every node is tagged with the feature it exercises; features in {@code disabled} are never
 * generated.
 */
final class PredicateGen {
    /** Every feature tag the generator can emit (for -Dwhere.diff.disable=...). */
    static final List<String> FEATURES = List.of("params", "arith", "modulo", "power", "bitwise", "abs", "numCast",
        "textToNum", "funcs", "concatOp", "concat", "castText", "typmodCast", "enumText", "enumCmp", "enumOrder",
        "subscript", "slice", "jsonb", "datearith", "tsCast", "crossTs", "intervalArith", "intervalMul", "justify",
        "intervalOrder", "boolOrder", "textOrder", "concatAny", "intervalDiv", "timeMinusTime", "arrays", "arrayCtor", "arrayConcat", "arrayOrder", "anyAll",
        "in", "between", "like", "ilike", "likeEscape", "distinct", "isBool", "isNull", "nullLit", "uuid", "time");

    private final Random rnd;
    private final DiffTable table;
    private final DiffValues vals;
    private final Set<String> disabled;

    PredicateGen(Random rnd, DiffTable table, Set<String> disabled) {
        this.rnd = rnd;
        this.table = table;
        this.vals = new DiffValues(rnd);
        this.disabled = disabled;
    }

    private boolean on(String feature) {
        return !disabled.contains(feature);
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    GenExpr predicate() {
        return bool(1 + rnd.nextInt(3));
    }

    // ---------------------------------------------------------------- booleans

    GenExpr bool(int depth) {
        int r = rnd.nextInt(100);
        if (depth > 0 && r < 22) {
            int n = 2 + (chance(30) ? 1 : 0);
            String op = rnd.nextBoolean() ? " AND " : " OR ";
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i > 0) items.add(op);
                items.add("(");
                items.add(bool(depth - 1));
                items.add(")");
            }
            return node(GenTy.BOOL, f(), items.toArray());
        }
        if (depth > 0 && r < 30) return node(GenTy.BOOL, f(), "NOT (", bool(depth - 1), ")");
        return atom(Math.max(0, depth - 1));
    }

    private GenExpr atom(int depth) {
        int r = rnd.nextInt(100);
        if (r < 38) return comparison(depth);
        if (r < 44 && on("isNull")) return isNull(depth);
        if (r < 49 && on("distinct")) return distinct(depth);
        if (r < 53 && on("isBool")) return isBool(depth);
        if (r < 60 && on("in")) return in(depth);
        if (r < 66 && on("between")) return between(depth);
        if (r < 74 && on("like")) return like(depth);
        if (r < 82 && on("arrays")) return arrayPredicate(depth);
        if (r < 86 && on("jsonb")) return jsonbPredicate();
        if (r < 91 && (on("enumCmp") || on("enumText"))) return enumPredicate();
        if (r < 97) return column(GenTy.BOOL);
        if (r < 98) return GenExpr.leaf(GenTy.BOOL, rnd.nextBoolean() ? "true" : "false");
        return comparison(depth);
    }

    private Family comparableFamily() {
        int r = rnd.nextInt(100);
        if (r < 36) return Family.NUM;
        if (r < 60) return Family.STR;
        if (r < 76) return Family.TS;
        if (r < 82 && on("time")) return Family.TIME;
        if (r < 90 && on("intervalArith")) return Family.INTERVAL;
        if (r < 95 && on("uuid")) return Family.UUID;
        if (r < 100) return Family.BOOL;
        return Family.NUM;
    }

    private GenExpr comparison(int depth) {
        Family fam = comparableFamily();
        GenExpr left = of(fam, depth);
        GenExpr right = rightSide(left, depth);
        if (fam == Family.TS && left.type != right.type
            && (left.type == GenTy.TIMESTAMPTZ || right.type == GenTy.TIMESTAMPTZ)) {
            if (!on("crossTs")) right = literalOf(left.type);
            else return node(GenTy.BOOL, f("crossTs"), left, " " + compareOp(fam) + " ", right);
        }
        String op = compareOp(fam);
        String feature = op.equals("=") || op.equals("<>") ? "" : switch (fam) {
            case STR -> "textOrder";
            case INTERVAL -> "intervalOrder";
            case BOOL -> "boolOrder";
            default -> "";
        };
        if (!feature.isEmpty() && !on(feature)) op = "=";
        return node(GenTy.BOOL, feature.isEmpty() || !on(feature) ? f() : f(feature), left, " " + op + " ", right);
    }

    private String compareOp(Family fam) {
        String[] ops = {"=", "<>", "<", ">", "<=", ">=", "!="};
        return ops[rnd.nextInt(ops.length)];
    }

    /** The other side of a comparison with {@code left}: a literal, a parameter or another expression. */
    private GenExpr rightSide(GenExpr left, int depth) {
        int r = rnd.nextInt(100);
        if (r < 35) return literalOf(left.type);
        if (r < 50 && on("params")) return GenExpr.param(left.type, vals.value(paramType(left.type)));
        if (r < 52 && on("nullLit")) return GenExpr.leaf(left.type, "NULL", "nullLit");
        GenExpr right = of(left.type.family, depth);
        if (right.renderInline().equals(left.renderInline()) && rnd.nextInt(4) > 0) return literalOf(left.type);
        return right;
    }

    private static GenTy paramType(GenTy t) {
        return t;
    }

    private GenExpr isNull(int depth) {
        GenExpr e = rnd.nextInt(4) == 0 ? bool(depth) : of(anyFamily(), depth);
        String[] forms = {" IS NULL", " IS NOT NULL", " ISNULL", " NOTNULL"};
        String form = forms[rnd.nextInt(10) < 8 ? rnd.nextInt(2) : 2 + rnd.nextInt(2)];
        return node(GenTy.BOOL, f("isNull"), "(", e, ")" + form);
    }

    private Family anyFamily() {
        Family[] fams = Family.values();
        for (int i = 0; i < 10; i++) {
            Family fam = fams[rnd.nextInt(fams.length)];
            if (familyOn(fam)) return fam;
        }
        return Family.NUM;
    }

    private boolean familyOn(Family fam) {
        return switch (fam) {
            case JSONB -> on("jsonb");
            case ENUM -> on("enumText");
            case INTARR, TEXTARR -> on("arrays");
            case UUID -> on("uuid");
            case TIME -> on("time");
            case INTERVAL -> on("intervalArith");
            default -> true;
        };
    }

    private GenExpr distinct(int depth) {
        Family fam = comparableFamily();
        GenExpr left = of(fam, depth);
        GenExpr right = rightSide(left, depth);
        if (fam == Family.TS && left.type != right.type) right = literalOf(left.type);
        return node(GenTy.BOOL, f("distinct"), left, rnd.nextBoolean() ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ",
            right);
    }

    private GenExpr isBool(int depth) {
        String[] tests = {"TRUE", "FALSE", "UNKNOWN"};
        String test = " IS " + (rnd.nextBoolean() ? "NOT " : "") + tests[rnd.nextInt(3)];
        return node(GenTy.BOOL, f("isBool"), "(", bool(depth), ")" + test);
    }

    private GenExpr in(int depth) {
        Family fam = comparableFamily();
        GenExpr left = of(fam, depth);
        int n = 1 + rnd.nextInt(5);
        List<Object> items = new ArrayList<>();
        items.add(left);
        items.add(rnd.nextInt(3) == 0 ? " NOT IN (" : " IN (");
        for (int i = 0; i < n; i++) {
            if (i > 0) items.add(", ");
            int r = rnd.nextInt(100);
            if (r < 12) items.add(GenExpr.leaf(left.type, "NULL", "nullLit"));
            else if (r < 25 && on("params")) items.add(GenExpr.param(left.type, vals.value(left.type)));
            else if (r < 35 && fam != Family.TS) items.add(of(fam, 0));
            else items.add(literalOf(left.type));
        }
        items.add(")");
        return node(GenTy.BOOL, f("in"), items.toArray());
    }

    private GenExpr between(int depth) {
        Family fam = comparableFamily();
        if (fam == Family.BOOL || fam == Family.INTERVAL && !on("intervalOrder")) fam = Family.NUM;
        if (fam == Family.STR && !on("textOrder")) fam = Family.NUM;
        GenExpr e = of(fam, depth);
        GenExpr lo = rnd.nextInt(4) == 0 && fam != Family.TS ? of(fam, 0) : boundOf(e.type);
        GenExpr hi = boundOf(e.type);
        String kw = (rnd.nextInt(3) == 0 ? " NOT" : "") + " BETWEEN " + (rnd.nextInt(3) == 0 ? "SYMMETRIC " : "");
        return node(GenTy.BOOL, f("between"), e, kw, lo, " AND ", hi);
    }

    private GenExpr boundOf(GenTy t) {
        return rnd.nextInt(5) == 0 && on("params") ? GenExpr.param(t, vals.value(t)) : literalOf(t);
    }

    private GenExpr like(int depth) {
        GenExpr e = of(Family.STR, depth);
        boolean ci = on("ilike") && rnd.nextInt(3) == 0;
        boolean neg = rnd.nextInt(4) == 0;
        boolean esc = on("likeEscape") && rnd.nextInt(6) == 0;
        String pattern = likePattern(esc ? '#' : '\\');
        GenExpr pat = on("params") && rnd.nextInt(6) == 0 ? GenExpr.param(GenTy.TEXT, pattern)
            : GenExpr.leaf(GenTy.TEXT, GenExpr.quote(pattern));
        String op = (neg ? " NOT" : "") + (ci ? " ILIKE " : " LIKE ");
        if (rnd.nextInt(8) == 0) op = ci ? (neg ? " !~~* " : " ~~* ") : (neg ? " !~~ " : " ~~ ");
        List<Object> items = new ArrayList<>(List.of(e, op, pat));
        if (esc && !op.contains("~")) items.add(" ESCAPE '#'");
        else if (esc) return node(GenTy.BOOL, f("like"), e, op, GenExpr.leaf(GenTy.TEXT, GenExpr.quote(likePattern('\\'))));
        return node(GenTy.BOOL, ci ? f("like", "ilike") : esc ? f("like", "likeEscape") : f("like"), items.toArray());
    }

    private String likePattern(char escape) {
        if (rnd.nextInt(5) == 0) {
            String base = vals.value(GenTy.TEXT);
            return rnd.nextBoolean() ? base : "%" + base + "%";
        }
        String[] frags = {"%", "_", "a", "A", "b", "c", "abc", "é", "É", "ß", " ", "'", "%%", "x", "0", "😀",
            "" + escape + "%", "" + escape + "_", "" + escape + escape, "open", "it", "s"};
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) sb.append(frags[rnd.nextInt(frags.length)]);
        if (rnd.nextInt(60) == 0) sb.append(escape);
        return sb.toString();
    }

    private GenExpr arrayPredicate(int depth) {
        boolean ints = rnd.nextBoolean();
        GenTy arrTy = ints ? GenTy.INT4ARR : GenTy.TEXTARR;
        GenTy elemTy = ints ? GenTy.INT4 : GenTy.TEXT;
        int r = rnd.nextInt(100);
        if (r < 40) {
            GenExpr a = arrayOf(arrTy, depth);
            GenExpr b = rnd.nextInt(3) == 0 ? arrayOf(arrTy, depth) : arrayLiteral(arrTy, rnd.nextBoolean());
            if (b.isParam() || a.isParam()) b = arrayLiteral(arrTy, false);
            String[] ops = {"@>", "<@", "&&", "=", "<>", "<", ">="};
            String op = ops[rnd.nextInt(on("arrayOrder") ? ops.length : 5)];
            boolean swap = rnd.nextInt(4) == 0;
            String[] feats = op.startsWith("<") && op.length() == 1 || op.equals(">=") ? f("arrays", "arrayOrder")
                : f("arrays");
            return swap ? node(GenTy.BOOL, feats, b, " " + op + " ", a) : node(GenTy.BOOL, feats, a, " " + op + " ", b);
        }
        if (r < 55 && on("params")) {
            String[] ops = {"@>", "<@", "&&"};
            return node(GenTy.BOOL, f("arrays"), column(arrTy), " " + ops[rnd.nextInt(3)] + " ",
                GenExpr.param(arrTy, vals.value(arrTy)));
        }
        if (!on("anyAll")) return node(GenTy.BOOL, f("arrays"), column(arrTy), " IS NOT NULL");
        GenExpr x = rnd.nextInt(3) == 0 ? literalOf(elemTy) : of(ints ? Family.NUM : Family.STR, depth);
        if (!ints && x.type != GenTy.TEXT && x.type != GenTy.VARCHAR) x = column(GenTy.TEXT);
        String[] ops = {"=", "<>", "<", ">="};
        String op = ops[rnd.nextInt(rnd.nextBoolean() ? 1 : ops.length)];
        if (!ints && op.length() > 1 && !op.equals("<>") && !on("textOrder")) op = "=";
        if (!ints && op.equals("<") && !on("textOrder")) op = "=";
        GenExpr arr = rnd.nextBoolean() ? arrayOf(arrTy, depth) : arrayLiteral(arrTy, !x.isUntypedLiteral());
        String q = rnd.nextInt(3) == 0 ? "ALL" : rnd.nextInt(4) == 0 ? "SOME" : "ANY";
        return node(GenTy.BOOL, f("arrays", "anyAll"), x, " " + op + " " + q + " (", arr, ")");
    }

    private GenExpr jsonbPredicate() {
        GenExpr j = column(GenTy.JSONB);
        int r = rnd.nextInt(7);
        String key = rnd.nextInt(5) == 0 ? "b" : rnd.nextInt(6) == 0 ? "é" : "a";
        return switch (r) {
            case 0 -> node(GenTy.BOOL, f("jsonb"), j, " ->> " + GenExpr.quote(key) + " = ",
                literalOf(GenTy.TEXT, "x", "1", "it's", "", "null", "1.50", "true"));
            case 1 -> node(GenTy.BOOL, f("jsonb"), j, " @> ", GenExpr.leaf(GenTy.JSONB, GenExpr.quote(vals.value(GenTy.JSONB))));
            case 2 -> node(GenTy.BOOL, f("jsonb"), j, " = ", GenExpr.leaf(GenTy.JSONB, GenExpr.quote(vals.value(GenTy.JSONB))));
            case 3 -> node(GenTy.BOOL, f("jsonb"), "(", j, " -> " + GenExpr.quote(key) + ") = ",
                GenExpr.leaf(GenTy.JSONB, GenExpr.quote(vals.value(GenTy.JSONB))));
            case 4 -> node(GenTy.BOOL, f("jsonb"), j, " ->> " + (rnd.nextInt(4) - 1) + " IS NULL");
            case 5 -> node(GenTy.BOOL, f("jsonb"), j, " <@ ", GenExpr.leaf(GenTy.JSONB, GenExpr.quote(vals.value(GenTy.JSONB))));
            default -> node(GenTy.BOOL, f("jsonb"), j, " <> ", GenExpr.leaf(GenTy.JSONB, GenExpr.quote(vals.value(GenTy.JSONB))));
        };
    }

    private GenExpr enumPredicate() {
        GenExpr e = column(GenTy.ENUM);
        int r = rnd.nextInt(6);
        if (on("enumCmp") && r < 2) {
            String op = rnd.nextBoolean() ? " = " : " <> ";
            GenExpr lit = on("params") && rnd.nextInt(4) == 0 ? GenExpr.param(GenTy.ENUM, vals.value(GenTy.ENUM))
                : GenExpr.leaf(GenTy.ENUM, GenExpr.quote(vals.value(GenTy.ENUM)));
            return node(GenTy.BOOL, f("enumCmp"), e, op, lit);
        }
        if (on("enumCmp") && r == 2) {
            return node(GenTy.BOOL, f("enumCmp", "in"), e, " IN (", GenExpr.leaf(GenTy.ENUM, GenExpr.quote(vals.value(GenTy.ENUM))),
                ", ", GenExpr.leaf(GenTy.ENUM, GenExpr.quote(vals.value(GenTy.ENUM))), ")");
        }
        if (on("enumCmp") && on("enumOrder") && r == 3) {
            return node(GenTy.BOOL, f("enumCmp", "enumOrder"), e, " < ", GenExpr.leaf(GenTy.ENUM, GenExpr.quote(vals.value(GenTy.ENUM))));
        }
        if (!on("enumText")) return node(GenTy.BOOL, f(), e, " IS NULL");
        String op = on("textOrder") && rnd.nextBoolean() ? " < " : " = ";
        return node(GenTy.BOOL, op.equals(" < ") ? f("enumText", "textOrder") : f("enumText"),
            e, "::text" + op, literalOf(GenTy.TEXT, DiffValues.ENUM_LABELS.toArray(String[]::new)));
    }

    // ---------------------------------------------------------------- typed expressions

    GenExpr of(Family fam, int depth) {
        return switch (fam) {
            case NUM -> num(depth);
            case STR -> str(depth);
            case TS -> ts(depth);
            case TIME -> time(depth);
            case INTERVAL -> interval(depth);
            case UUID -> uuid(depth);
            case BOOL -> rnd.nextInt(3) == 0 && depth > 0 ? node(GenTy.BOOL, f(), "(", bool(depth - 1), ")")
                : column(GenTy.BOOL);
            case INTARR -> arrayOf(GenTy.INT4ARR, depth);
            case TEXTARR -> arrayOf(GenTy.TEXTARR, depth);
            case JSONB -> column(GenTy.JSONB);
            case ENUM -> column(GenTy.ENUM);
        };
    }

    GenExpr column(GenTy ty) {
        List<DiffTable.Col> cols = table.colsOf(ty);
        if (cols.isEmpty() && ty == GenTy.TEXT) cols = table.colsOf(GenTy.TEXT);
        DiffTable.Col col = cols.get(rnd.nextInt(cols.size()));
        String ref = col.name().equals("Odd Name") || rnd.nextInt(10) > 0 ? col.ref() : col.name();
        if (rnd.nextInt(20) == 0 && !col.name().equals("Odd Name")) ref = col.name().toUpperCase();
        return GenExpr.leaf(ty, ref);
    }

    private static final GenTy[] NUM_TYPES = {GenTy.INT2, GenTy.INT4, GenTy.INT8, GenTy.NUMERIC, GenTy.FLOAT4, GenTy.FLOAT8};

    private GenExpr num(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return numColumn();
        if (r < 55) return typedNumLiteral(NUM_TYPES[rnd.nextInt(NUM_TYPES.length)]);
        if (r < 72 && on("arith")) {
            GenExpr a = num(depth - 1);
            GenExpr b = rnd.nextBoolean() ? num(depth - 1) : numLiteralNonZero();
            String[] ops = {"+", "-", "*", "/", "%", "^", "&", "|", "#"};
            String op = ops[rnd.nextInt(4)];
            int extra = rnd.nextInt(10);
            boolean ints = a.type.isInteger() && b.type.isInteger();
            if (extra == 0 && on("modulo") && !a.type.isFloat() && !b.type.isFloat()) op = "%";
            else if (extra == 1 && on("power")) op = "^";
            else if (extra == 2 && on("bitwise") && ints) op = ops[6 + rnd.nextInt(3)];
            GenTy t = op.equals("^") ? (a.type == GenTy.NUMERIC || b.type == GenTy.NUMERIC ? GenTy.NUMERIC : GenTy.FLOAT8)
                : GenTy.arith(a.type, b.type);
            String feat = switch (op) {
                case "%" -> "modulo";
                case "^" -> "power";
                case "&", "|", "#" -> "bitwise";
                default -> "arith";
            };
            return node(t, f("arith", feat), "(", a, " " + op + " ", b, ")");
        }
        if (r < 77 && on("arith")) {
            GenExpr a = num(depth - 1);
            if (on("abs") && rnd.nextInt(3) == 0) return node(a.type, f("arith", "abs"), "@ ", a);
            return node(a.type, f("arith"), "- ", a);
        }
        if (r < 86 && on("numCast")) {
            GenTy to = NUM_TYPES[rnd.nextInt(NUM_TYPES.length)];
            if (on("textToNum") && rnd.nextInt(12) == 0) {
                return node(to, f("numCast", "textToNum"), "(", str(depth - 1), ")::" + to.pg);
            }
            if (on("typmodCast") && rnd.nextInt(6) == 0) {
                return node(GenTy.NUMERIC, f("numCast", "typmodCast"), "(", num(depth - 1), ")::numeric(6,1)");
            }
            String form = rnd.nextInt(5) == 0 ? "CAST(" : "(";
            GenExpr a = num(depth - 1);
            return form.equals("(") ? node(to, f("numCast"), "(", a, ")::" + castName(to))
                : node(to, f("numCast"), "CAST(", a, " AS " + castName(to) + ")");
        }
        if (r < 92 && on("funcs")) {
            GenExpr a = numColumn();
            String[] fns = {"coalesce", "greatest", "least"};
            String fn = fns[rnd.nextInt(3)];
            return node(a.type, f("funcs"), fn + "(", a, ", ", rnd.nextBoolean() ? literalOf(a.type) : column(a.type),
                ")");
        }
        if (r < 95 && on("datearith")) {
            return node(GenTy.INT4, f("datearith"), "(", column(GenTy.DATE), " - ", dateValue(), ")");
        }
        if (on("subscript") && on("arrays")) {
            return node(GenTy.INT4, f("subscript", "arrays"), column(GenTy.INT4ARR), "[" + (rnd.nextInt(4)) + "]");
        }
        return numColumn();
    }

    private static String castName(GenTy to) {
        return switch (to) {
            case INT2 -> "smallint";
            case INT4 -> "int";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case NUMERIC -> "numeric";
            default -> to.pg;
        };
    }

    private GenExpr numColumn() {
        GenTy t = NUM_TYPES[rnd.nextInt(NUM_TYPES.length)];
        return column(t);
    }

    private GenExpr numLiteralNonZero() {
        String[] lits = {"1", "2", "3", "-1", "7", "10", "0.5", "1.5", "100", "2147483647", "1e3"};
        String v = lits[rnd.nextInt(lits.length)];
        return GenExpr.leaf(v.contains(".") || v.contains("e") ? GenTy.NUMERIC : GenTy.INT4, v);
    }

    private GenExpr str(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return strColumn();
        if (r < 52) return literalOf(GenTy.TEXT);
        if (r < 62 && on("funcs")) {
            return node(GenTy.TEXT, f("funcs"), rnd.nextBoolean() ? "lower(" : "upper(", str(depth - 1), ")");
        }
        if (r < 67 && on("concatOp")) {
            if (on("concatAny") && rnd.nextInt(4) == 0) {
                return node(GenTy.TEXT, f("concatOp", "concatAny"), "(", str(depth - 1), " || ", num(0), ")");
            }
            return node(GenTy.TEXT, f("concatOp"), "(", str(depth - 1), " || ", str(depth - 1), ")");
        }
        if (r < 72 && on("concat")) {
            return node(GenTy.TEXT, f("concat"), "concat(", str(depth - 1), ", ", of(anyFamily(), 0), ")");
        }
        if (r < 77 && on("funcs")) {
            GenExpr a = strColumn();
            return node(a.type, f("funcs"), "coalesce(", a, ", ", literalOf(a.type), ")");
        }
        if (r < 90 && on("castText")) {
            Family fam = anyFamily();
            if (fam == Family.STR || fam == Family.BOOL && rnd.nextBoolean()) fam = Family.NUM;
            GenExpr inner = fam == Family.ENUM && !on("enumText") ? numColumn() : of(fam, depth - 1);
            if (inner.type == GenTy.ENUM && !on("enumText")) inner = numColumn();
            return node(GenTy.TEXT, inner.type == GenTy.ENUM ? f("castText", "enumText") : f("castText"),
                "(", inner, ")::text");
        }
        if (r < 93 && on("typmodCast")) {
            return node(GenTy.TEXT, f("typmodCast"), "(", str(depth - 1), rnd.nextBoolean() ? ")::varchar(3)" : ")::char(3)");
        }
        if (r < 96 && on("subscript") && on("arrays")) {
            return node(GenTy.TEXT, f("subscript", "arrays"), column(GenTy.TEXTARR), "[" + rnd.nextInt(3) + "]");
        }
        if (on("jsonb")) return node(GenTy.TEXT, f("jsonb"), "(", column(GenTy.JSONB), " ->> 'a')");
        return strColumn();
    }

    private GenExpr strColumn() {
        GenTy[] ts = {GenTy.TEXT, GenTy.TEXT, GenTy.VARCHAR, GenTy.BPCHAR};
        return column(ts[rnd.nextInt(ts.length)]);
    }

    private GenExpr dateValue() {
        return rnd.nextBoolean() ? column(GenTy.DATE) : typedLiteral(GenTy.DATE);
    }

    private GenExpr typedLiteral(GenTy ty) {
        GenExpr e = literalOf(ty);
        return e.isUntypedLiteral() ? GenExpr.leaf(ty, e.parts.get(0) + "::" + ty.pg) : e;
    }

    private GenExpr ts(int depth) {
        GenTy[] tys = {GenTy.DATE, GenTy.TIMESTAMP, GenTy.TIMESTAMPTZ};
        GenTy t = tys[rnd.nextInt(3)];
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return column(t);
        if (r < 55) return literalOf(t);
        if (on("datearith") && r < 65) {
            return switch (t) {
                case DATE -> node(GenTy.DATE, f("datearith"), "(", column(GenTy.DATE), rnd.nextBoolean() ? " + " : " - ",
                    numLiteralSmallInt(), ")");
                case TIMESTAMP -> node(GenTy.TIMESTAMP, f("datearith"), "(", column(rnd.nextBoolean() ? GenTy.DATE : GenTy.TIMESTAMP),
                    rnd.nextBoolean() ? " + " : " - ", intervalValue(), ")");
                default -> node(GenTy.TIMESTAMPTZ, f("datearith"), "(", column(GenTy.TIMESTAMPTZ),
                    rnd.nextBoolean() ? " + " : " - ", intervalValue(), ")");
            };
        }
        if (on("datearith") && on("time") && r < 70) {
            return node(GenTy.TIMESTAMP, f("datearith"), "(", column(GenTy.DATE), " + ", rnd.nextBoolean() ? column(GenTy.TIME)
                : typedLiteral(GenTy.TIME), ")");
        }
        if (on("tsCast") && r < 82) {
            return switch (t) {
                case DATE -> node(GenTy.DATE, f("tsCast"), "(", column(rnd.nextBoolean() ? GenTy.TIMESTAMP : GenTy.TIMESTAMPTZ), ")::date");
                case TIMESTAMP -> node(GenTy.TIMESTAMP, f("tsCast"), "(", column(rnd.nextBoolean() ? GenTy.DATE : GenTy.TIMESTAMPTZ),
                    ")::timestamp");
                default -> node(GenTy.TIMESTAMPTZ, f("tsCast"), "(", column(rnd.nextBoolean() ? GenTy.DATE : GenTy.TIMESTAMP),
                    ")::timestamptz");
            };
        }
        if (on("funcs") && r < 92) {
            String[] fns = {"coalesce", "greatest", "least"};
            return node(t, f("funcs"), fns[rnd.nextInt(3)] + "(", column(t), ", ", literalOf(t), ")");
        }
        return column(t);
    }

    private GenExpr numLiteralSmallInt() {
        int v = rnd.nextInt(10) == 0 ? 2147483647 : rnd.nextInt(800) - 400;
        return GenExpr.leaf(GenTy.INT4, Integer.toString(v));
    }

    private GenExpr time(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 50) return column(GenTy.TIME);
        if (r < 65) return literalOf(GenTy.TIME);
        if (r < 85 && on("datearith")) {
            return node(GenTy.TIME, f("datearith", "time"), "(", column(GenTy.TIME), rnd.nextBoolean() ? " + " : " - ",
                intervalValue(), ")");
        }
        if (on("tsCast")) return node(GenTy.TIME, f("tsCast", "time"), "(", column(GenTy.TIMESTAMP), ")::time");
        return column(GenTy.TIME);
    }

    private GenExpr intervalValue() {
        return rnd.nextInt(3) == 0 ? column(GenTy.INTERVAL) : typedLiteral(GenTy.INTERVAL);
    }

    private GenExpr interval(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return column(GenTy.INTERVAL);
        if (r < 57) return literalOf(GenTy.INTERVAL);
        if (r < 67) {
            return node(GenTy.INTERVAL, f("intervalArith"), "(", interval(depth - 1), rnd.nextBoolean() ? " + " : " - ",
                intervalValue(), ")");
        }
        if (r < 72) {
            GenExpr a = interval(depth - 1);
            if (a.isUntypedLiteral()) a = GenExpr.leaf(GenTy.INTERVAL, a.parts.get(0) + "::interval");
            return node(GenTy.INTERVAL, f("intervalArith"), "- ", a);
        }
        if (r < 80 && on("intervalMul")) {
            String[] factors = {"2", "0.5", "1.5", "-1", "3", "1e3"};
            return rnd.nextBoolean()
                ? node(GenTy.INTERVAL, f("intervalArith", "intervalMul"), "(", column(GenTy.INTERVAL), " * "
                    + factors[rnd.nextInt(factors.length)] + ")")
                : node(GenTy.INTERVAL, f("intervalArith", "intervalMul", "intervalDiv"), "(", column(GenTy.INTERVAL), " / "
                    + factors[rnd.nextInt(factors.length)] + ")");
        }
        if (r < 88 && on("datearith")) {
            return rnd.nextBoolean()
                ? node(GenTy.INTERVAL, f("datearith"), "(", column(GenTy.TIMESTAMP), " - ", literalOf(GenTy.TIMESTAMP), ")")
                : node(GenTy.INTERVAL, f("datearith", "time", "timeMinusTime"), "(", column(GenTy.TIME), " - ",
                    typedLiteral(GenTy.TIME), ")");
        }
        if (on("justify")) {
            String[] fns = {"justify_days", "justify_hours", "justify_interval"};
            return node(GenTy.INTERVAL, f("justify"), fns[rnd.nextInt(3)] + "(", column(GenTy.INTERVAL), ")");
        }
        return column(GenTy.INTERVAL);
    }

    private GenExpr uuid(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 60) return column(GenTy.UUID);
        if (r < 85) return literalOf(GenTy.UUID);
        if (on("funcs")) return node(GenTy.UUID, f("funcs", "uuid"), "coalesce(", column(GenTy.UUID), ", ", literalOf(GenTy.UUID), ")");
        return column(GenTy.UUID);
    }

    private GenExpr arrayOf(GenTy arrTy, int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 55) return column(arrTy);
        if (r < 70) return arrayLiteral(arrTy, false);
        boolean ints = arrTy == GenTy.INT4ARR;
        if (r < 80 && on("arrayConcat")) {
            GenExpr elem = ints ? GenExpr.leaf(GenTy.INT4, Integer.toString(rnd.nextInt(5) - 1)) : GenExpr.leaf(GenTy.TEXT, "'a'::text");
            return rnd.nextBoolean() ? node(arrTy, f("arrays", "arrayConcat"), "(", column(arrTy), " || ", elem, ")")
                : node(arrTy, f("arrays", "arrayConcat"), "array_append(", column(arrTy), ", ", elem, ")");
        }
        if (r < 88 && on("arrayConcat")) {
            return node(arrTy, f("arrays", "arrayConcat"), "array_cat(", column(arrTy), ", ",
                arrayLiteral(arrTy, false), ")");
        }
        if (on("slice")) {
            return node(arrTy, f("arrays", "slice"), column(arrTy), "[" + rnd.nextInt(3) + ":" + (1 + rnd.nextInt(3)) + "]");
        }
        return column(arrTy);
    }

    /** An array literal: {@code '{...}'} (untyped when {@code untypedOk}), {@code '{...}'::t[]} or ARRAY[...]. */
    private GenExpr arrayLiteral(GenTy arrTy, boolean untypedOk) {
        String v = vals.value(arrTy);
        while (v.startsWith("{{") || v.startsWith("[")) v = vals.value(arrTy);
        int form = rnd.nextInt(3);
        if (form == 0 && untypedOk) return GenExpr.leaf(arrTy, GenExpr.quote(v));
        if (form <= 1 || !on("arrayCtor") || v.equals("{}")) {
            return GenExpr.leaf(arrTy, GenExpr.quote(v) + "::" + arrTy.pg);
        }
        List<String> elems = new ArrayList<>();
        if (arrTy == GenTy.INT4ARR) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) elems.add(rnd.nextInt(8) == 0 ? "NULL" : Integer.toString(rnd.nextInt(7) - 2));
            if (elems.stream().allMatch("NULL"::equals)) elems.set(0, "1");
        } else {
            String[] pool = {"'a'", "'b'", "'é'", "'a b'", "'open'", "''", "'NULL'", "'abc'"};
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) elems.add(pool[rnd.nextInt(pool.length)]);
        }
        return GenExpr.leaf(arrTy, "ARRAY[" + String.join(", ", elems) + "]", "arrayCtor");
    }

    // ---------------------------------------------------------------- literals

    GenExpr literalOf(GenTy ty) {
        String v = vals.value(ty);
        return switch (ty) {
            case INT2, INT4, INT8, NUMERIC, FLOAT4, FLOAT8 -> numLiteral(ty, v);
            case TEXT, VARCHAR, BPCHAR -> GenExpr.leaf(ty, GenExpr.quote(v));
            case BOOL -> GenExpr.leaf(ty, rnd.nextBoolean() ? v : GenExpr.quote(v));
            case DATE -> typed(ty, v, "date");
            case TIMESTAMP -> typed(ty, v, "timestamp");
            case TIMESTAMPTZ -> typed(ty, v, "timestamptz");
            case TIME -> typed(ty, v, "time");
            case INTERVAL -> typed(ty, v, "interval");
            case UUID -> typed(ty, v, "uuid");
            case INT4ARR, TEXTARR -> arrayLiteral(ty, true);
            case JSONB -> GenExpr.leaf(ty, GenExpr.quote(v) + "::jsonb", "jsonb");
            case ENUM -> GenExpr.leaf(ty, GenExpr.quote(v), "enumCmp");
        };
    }

    private GenExpr literalOf(GenTy ty, String... choices) {
        return GenExpr.leaf(ty, GenExpr.quote(choices[rnd.nextInt(choices.length)]));
    }

    /** An untyped {@code 'v'}, a prefixed {@code type 'v'} or a cast {@code 'v'::type}. */
    private GenExpr typed(GenTy ty, String v, String typeName) {
        int form = rnd.nextInt(3);
        if (form == 0) return GenExpr.leaf(ty, GenExpr.quote(v));
        if (form == 1 && !typeName.equals("uuid")) return GenExpr.leaf(ty, typeName + " " + GenExpr.quote(v));
        return GenExpr.leaf(ty, GenExpr.quote(v) + "::" + typeName);
    }

    /** A numeric literal that has a type of its own (bare number or cast), for arithmetic operands. */
    private GenExpr typedNumLiteral(GenTy ty) {
        GenExpr e = literalOf(ty);
        return e.isUntypedLiteral() ? GenExpr.leaf(ty, e.parts.get(0) + "::" + ty.pg) : e;
    }

    private GenExpr numLiteral(GenTy ty, String v) {
        if (v.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") && rnd.nextInt(4) > 0) {
            String digits = v.startsWith("-") ? v.substring(1) : v;
            GenTy lt;
            if (digits.matches("[0-9]+")) {
                java.math.BigInteger b = new java.math.BigInteger(digits);
                lt = b.bitLength() < 32 ? GenTy.INT4 : b.bitLength() < 64 ? GenTy.INT8 : GenTy.NUMERIC;
            } else {
                lt = GenTy.NUMERIC;
            }
            return GenExpr.leaf(lt, v.startsWith("-") ? "(" + v + ")" : v);
        }
        if (rnd.nextBoolean()) return GenExpr.leaf(ty, GenExpr.quote(v));
        return GenExpr.leaf(ty, GenExpr.quote(v) + "::" + ty.pg);
    }
}
