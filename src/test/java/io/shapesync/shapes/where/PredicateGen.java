package io.shapesync.shapes.where;

import static io.shapesync.shapes.where.Expr.f;
import static io.shapesync.shapes.where.Expr.node;

import io.shapesync.shapes.where.Ty.Family;
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

    Expr predicate() {
        return bool(1 + rnd.nextInt(3));
    }

    // ---------------------------------------------------------------- booleans

    Expr bool(int depth) {
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
            return node(Ty.BOOL, f(), items.toArray());
        }
        if (depth > 0 && r < 30) return node(Ty.BOOL, f(), "NOT (", bool(depth - 1), ")");
        return atom(Math.max(0, depth - 1));
    }

    private Expr atom(int depth) {
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
        if (r < 97) return column(Ty.BOOL);
        if (r < 98) return Expr.leaf(Ty.BOOL, rnd.nextBoolean() ? "true" : "false");
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

    private Expr comparison(int depth) {
        Family fam = comparableFamily();
        Expr left = of(fam, depth);
        Expr right = rightSide(left, depth);
        if (fam == Family.TS && left.type != right.type
            && (left.type == Ty.TIMESTAMPTZ || right.type == Ty.TIMESTAMPTZ)) {
            if (!on("crossTs")) right = literalOf(left.type);
            else return node(Ty.BOOL, f("crossTs"), left, " " + compareOp(fam) + " ", right);
        }
        String op = compareOp(fam);
        String feature = op.equals("=") || op.equals("<>") ? "" : switch (fam) {
            case STR -> "textOrder";
            case INTERVAL -> "intervalOrder";
            case BOOL -> "boolOrder";
            default -> "";
        };
        if (!feature.isEmpty() && !on(feature)) op = "=";
        return node(Ty.BOOL, feature.isEmpty() || !on(feature) ? f() : f(feature), left, " " + op + " ", right);
    }

    private String compareOp(Family fam) {
        String[] ops = {"=", "<>", "<", ">", "<=", ">=", "!="};
        return ops[rnd.nextInt(ops.length)];
    }

    /** The other side of a comparison with {@code left}: a literal, a parameter or another expression. */
    private Expr rightSide(Expr left, int depth) {
        int r = rnd.nextInt(100);
        if (r < 35) return literalOf(left.type);
        if (r < 50 && on("params")) return Expr.param(left.type, vals.value(paramType(left.type)));
        if (r < 52 && on("nullLit")) return Expr.leaf(left.type, "NULL", "nullLit");
        Expr right = of(left.type.family, depth);
        if (right.renderInline().equals(left.renderInline()) && rnd.nextInt(4) > 0) return literalOf(left.type);
        return right;
    }

    private static Ty paramType(Ty t) {
        return t;
    }

    private Expr isNull(int depth) {
        Expr e = rnd.nextInt(4) == 0 ? bool(depth) : of(anyFamily(), depth);
        String[] forms = {" IS NULL", " IS NOT NULL", " ISNULL", " NOTNULL"};
        String form = forms[rnd.nextInt(10) < 8 ? rnd.nextInt(2) : 2 + rnd.nextInt(2)];
        return node(Ty.BOOL, f("isNull"), "(", e, ")" + form);
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

    private Expr distinct(int depth) {
        Family fam = comparableFamily();
        Expr left = of(fam, depth);
        Expr right = rightSide(left, depth);
        if (fam == Family.TS && left.type != right.type) right = literalOf(left.type);
        return node(Ty.BOOL, f("distinct"), left, rnd.nextBoolean() ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ",
            right);
    }

    private Expr isBool(int depth) {
        String[] tests = {"TRUE", "FALSE", "UNKNOWN"};
        String test = " IS " + (rnd.nextBoolean() ? "NOT " : "") + tests[rnd.nextInt(3)];
        return node(Ty.BOOL, f("isBool"), "(", bool(depth), ")" + test);
    }

    private Expr in(int depth) {
        Family fam = comparableFamily();
        Expr left = of(fam, depth);
        int n = 1 + rnd.nextInt(5);
        List<Object> items = new ArrayList<>();
        items.add(left);
        items.add(rnd.nextInt(3) == 0 ? " NOT IN (" : " IN (");
        for (int i = 0; i < n; i++) {
            if (i > 0) items.add(", ");
            int r = rnd.nextInt(100);
            if (r < 12) items.add(Expr.leaf(left.type, "NULL", "nullLit"));
            else if (r < 25 && on("params")) items.add(Expr.param(left.type, vals.value(left.type)));
            else if (r < 35 && fam != Family.TS) items.add(of(fam, 0));
            else items.add(literalOf(left.type));
        }
        items.add(")");
        return node(Ty.BOOL, f("in"), items.toArray());
    }

    private Expr between(int depth) {
        Family fam = comparableFamily();
        if (fam == Family.BOOL || fam == Family.INTERVAL && !on("intervalOrder")) fam = Family.NUM;
        if (fam == Family.STR && !on("textOrder")) fam = Family.NUM;
        Expr e = of(fam, depth);
        Expr lo = rnd.nextInt(4) == 0 && fam != Family.TS ? of(fam, 0) : boundOf(e.type);
        Expr hi = boundOf(e.type);
        String kw = (rnd.nextInt(3) == 0 ? " NOT" : "") + " BETWEEN " + (rnd.nextInt(3) == 0 ? "SYMMETRIC " : "");
        return node(Ty.BOOL, f("between"), e, kw, lo, " AND ", hi);
    }

    private Expr boundOf(Ty t) {
        return rnd.nextInt(5) == 0 && on("params") ? Expr.param(t, vals.value(t)) : literalOf(t);
    }

    private Expr like(int depth) {
        Expr e = of(Family.STR, depth);
        boolean ci = on("ilike") && rnd.nextInt(3) == 0;
        boolean neg = rnd.nextInt(4) == 0;
        boolean esc = on("likeEscape") && rnd.nextInt(6) == 0;
        String pattern = likePattern(esc ? '#' : '\\');
        Expr pat = on("params") && rnd.nextInt(6) == 0 ? Expr.param(Ty.TEXT, pattern)
            : Expr.leaf(Ty.TEXT, Expr.quote(pattern));
        String op = (neg ? " NOT" : "") + (ci ? " ILIKE " : " LIKE ");
        if (rnd.nextInt(8) == 0) op = ci ? (neg ? " !~~* " : " ~~* ") : (neg ? " !~~ " : " ~~ ");
        List<Object> items = new ArrayList<>(List.of(e, op, pat));
        if (esc && !op.contains("~")) items.add(" ESCAPE '#'");
        else if (esc) return node(Ty.BOOL, f("like"), e, op, Expr.leaf(Ty.TEXT, Expr.quote(likePattern('\\'))));
        return node(Ty.BOOL, ci ? f("like", "ilike") : esc ? f("like", "likeEscape") : f("like"), items.toArray());
    }

    private String likePattern(char escape) {
        if (rnd.nextInt(5) == 0) {
            String base = vals.value(Ty.TEXT);
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

    private Expr arrayPredicate(int depth) {
        boolean ints = rnd.nextBoolean();
        Ty arrTy = ints ? Ty.INT4ARR : Ty.TEXTARR;
        Ty elemTy = ints ? Ty.INT4 : Ty.TEXT;
        int r = rnd.nextInt(100);
        if (r < 40) {
            Expr a = arrayOf(arrTy, depth);
            Expr b = rnd.nextInt(3) == 0 ? arrayOf(arrTy, depth) : arrayLiteral(arrTy, rnd.nextBoolean());
            if (b.isParam() || a.isParam()) b = arrayLiteral(arrTy, false);
            String[] ops = {"@>", "<@", "&&", "=", "<>", "<", ">="};
            String op = ops[rnd.nextInt(on("arrayOrder") ? ops.length : 5)];
            boolean swap = rnd.nextInt(4) == 0;
            String[] feats = op.startsWith("<") && op.length() == 1 || op.equals(">=") ? f("arrays", "arrayOrder")
                : f("arrays");
            return swap ? node(Ty.BOOL, feats, b, " " + op + " ", a) : node(Ty.BOOL, feats, a, " " + op + " ", b);
        }
        if (r < 55 && on("params")) {
            String[] ops = {"@>", "<@", "&&"};
            return node(Ty.BOOL, f("arrays"), column(arrTy), " " + ops[rnd.nextInt(3)] + " ",
                Expr.param(arrTy, vals.value(arrTy)));
        }
        if (!on("anyAll")) return node(Ty.BOOL, f("arrays"), column(arrTy), " IS NOT NULL");
        Expr x = rnd.nextInt(3) == 0 ? literalOf(elemTy) : of(ints ? Family.NUM : Family.STR, depth);
        if (!ints && x.type != Ty.TEXT && x.type != Ty.VARCHAR) x = column(Ty.TEXT);
        String[] ops = {"=", "<>", "<", ">="};
        String op = ops[rnd.nextInt(rnd.nextBoolean() ? 1 : ops.length)];
        if (!ints && op.length() > 1 && !op.equals("<>") && !on("textOrder")) op = "=";
        if (!ints && op.equals("<") && !on("textOrder")) op = "=";
        Expr arr = rnd.nextBoolean() ? arrayOf(arrTy, depth) : arrayLiteral(arrTy, !x.isUntypedLiteral());
        String q = rnd.nextInt(3) == 0 ? "ALL" : rnd.nextInt(4) == 0 ? "SOME" : "ANY";
        return node(Ty.BOOL, f("arrays", "anyAll"), x, " " + op + " " + q + " (", arr, ")");
    }

    private Expr jsonbPredicate() {
        Expr j = column(Ty.JSONB);
        int r = rnd.nextInt(7);
        String key = rnd.nextInt(5) == 0 ? "b" : rnd.nextInt(6) == 0 ? "é" : "a";
        return switch (r) {
            case 0 -> node(Ty.BOOL, f("jsonb"), j, " ->> " + Expr.quote(key) + " = ",
                literalOf(Ty.TEXT, "x", "1", "it's", "", "null", "1.50", "true"));
            case 1 -> node(Ty.BOOL, f("jsonb"), j, " @> ", Expr.leaf(Ty.JSONB, Expr.quote(vals.value(Ty.JSONB))));
            case 2 -> node(Ty.BOOL, f("jsonb"), j, " = ", Expr.leaf(Ty.JSONB, Expr.quote(vals.value(Ty.JSONB))));
            case 3 -> node(Ty.BOOL, f("jsonb"), "(", j, " -> " + Expr.quote(key) + ") = ",
                Expr.leaf(Ty.JSONB, Expr.quote(vals.value(Ty.JSONB))));
            case 4 -> node(Ty.BOOL, f("jsonb"), j, " ->> " + (rnd.nextInt(4) - 1) + " IS NULL");
            case 5 -> node(Ty.BOOL, f("jsonb"), j, " <@ ", Expr.leaf(Ty.JSONB, Expr.quote(vals.value(Ty.JSONB))));
            default -> node(Ty.BOOL, f("jsonb"), j, " <> ", Expr.leaf(Ty.JSONB, Expr.quote(vals.value(Ty.JSONB))));
        };
    }

    private Expr enumPredicate() {
        Expr e = column(Ty.ENUM);
        int r = rnd.nextInt(6);
        if (on("enumCmp") && r < 2) {
            String op = rnd.nextBoolean() ? " = " : " <> ";
            Expr lit = on("params") && rnd.nextInt(4) == 0 ? Expr.param(Ty.ENUM, vals.value(Ty.ENUM))
                : Expr.leaf(Ty.ENUM, Expr.quote(vals.value(Ty.ENUM)));
            return node(Ty.BOOL, f("enumCmp"), e, op, lit);
        }
        if (on("enumCmp") && r == 2) {
            return node(Ty.BOOL, f("enumCmp", "in"), e, " IN (", Expr.leaf(Ty.ENUM, Expr.quote(vals.value(Ty.ENUM))),
                ", ", Expr.leaf(Ty.ENUM, Expr.quote(vals.value(Ty.ENUM))), ")");
        }
        if (on("enumCmp") && on("enumOrder") && r == 3) {
            return node(Ty.BOOL, f("enumCmp", "enumOrder"), e, " < ", Expr.leaf(Ty.ENUM, Expr.quote(vals.value(Ty.ENUM))));
        }
        if (!on("enumText")) return node(Ty.BOOL, f(), e, " IS NULL");
        String op = on("textOrder") && rnd.nextBoolean() ? " < " : " = ";
        return node(Ty.BOOL, op.equals(" < ") ? f("enumText", "textOrder") : f("enumText"),
            e, "::text" + op, literalOf(Ty.TEXT, DiffValues.ENUM_LABELS.toArray(String[]::new)));
    }

    // ---------------------------------------------------------------- typed expressions

    Expr of(Family fam, int depth) {
        return switch (fam) {
            case NUM -> num(depth);
            case STR -> str(depth);
            case TS -> ts(depth);
            case TIME -> time(depth);
            case INTERVAL -> interval(depth);
            case UUID -> uuid(depth);
            case BOOL -> rnd.nextInt(3) == 0 && depth > 0 ? node(Ty.BOOL, f(), "(", bool(depth - 1), ")")
                : column(Ty.BOOL);
            case INTARR -> arrayOf(Ty.INT4ARR, depth);
            case TEXTARR -> arrayOf(Ty.TEXTARR, depth);
            case JSONB -> column(Ty.JSONB);
            case ENUM -> column(Ty.ENUM);
        };
    }

    Expr column(Ty ty) {
        List<DiffTable.Col> cols = table.colsOf(ty);
        if (cols.isEmpty() && ty == Ty.TEXT) cols = table.colsOf(Ty.TEXT);
        DiffTable.Col col = cols.get(rnd.nextInt(cols.size()));
        String ref = col.name().equals("Odd Name") || rnd.nextInt(10) > 0 ? col.ref() : col.name();
        if (rnd.nextInt(20) == 0 && !col.name().equals("Odd Name")) ref = col.name().toUpperCase();
        return Expr.leaf(ty, ref);
    }

    private static final Ty[] NUM_TYPES = {Ty.INT2, Ty.INT4, Ty.INT8, Ty.NUMERIC, Ty.FLOAT4, Ty.FLOAT8};

    private Expr num(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return numColumn();
        if (r < 55) return typedNumLiteral(NUM_TYPES[rnd.nextInt(NUM_TYPES.length)]);
        if (r < 72 && on("arith")) {
            Expr a = num(depth - 1);
            Expr b = rnd.nextBoolean() ? num(depth - 1) : numLiteralNonZero();
            String[] ops = {"+", "-", "*", "/", "%", "^", "&", "|", "#"};
            String op = ops[rnd.nextInt(4)];
            int extra = rnd.nextInt(10);
            boolean ints = a.type.isInteger() && b.type.isInteger();
            if (extra == 0 && on("modulo") && !a.type.isFloat() && !b.type.isFloat()) op = "%";
            else if (extra == 1 && on("power")) op = "^";
            else if (extra == 2 && on("bitwise") && ints) op = ops[6 + rnd.nextInt(3)];
            Ty t = op.equals("^") ? (a.type == Ty.NUMERIC || b.type == Ty.NUMERIC ? Ty.NUMERIC : Ty.FLOAT8)
                : Ty.arith(a.type, b.type);
            String feat = switch (op) {
                case "%" -> "modulo";
                case "^" -> "power";
                case "&", "|", "#" -> "bitwise";
                default -> "arith";
            };
            return node(t, f("arith", feat), "(", a, " " + op + " ", b, ")");
        }
        if (r < 77 && on("arith")) {
            Expr a = num(depth - 1);
            if (on("abs") && rnd.nextInt(3) == 0) return node(a.type, f("arith", "abs"), "@ ", a);
            return node(a.type, f("arith"), "- ", a);
        }
        if (r < 86 && on("numCast")) {
            Ty to = NUM_TYPES[rnd.nextInt(NUM_TYPES.length)];
            if (on("textToNum") && rnd.nextInt(12) == 0) {
                return node(to, f("numCast", "textToNum"), "(", str(depth - 1), ")::" + to.pg);
            }
            if (on("typmodCast") && rnd.nextInt(6) == 0) {
                return node(Ty.NUMERIC, f("numCast", "typmodCast"), "(", num(depth - 1), ")::numeric(6,1)");
            }
            String form = rnd.nextInt(5) == 0 ? "CAST(" : "(";
            Expr a = num(depth - 1);
            return form.equals("(") ? node(to, f("numCast"), "(", a, ")::" + castName(to))
                : node(to, f("numCast"), "CAST(", a, " AS " + castName(to) + ")");
        }
        if (r < 92 && on("funcs")) {
            Expr a = numColumn();
            String[] fns = {"coalesce", "greatest", "least"};
            String fn = fns[rnd.nextInt(3)];
            return node(a.type, f("funcs"), fn + "(", a, ", ", rnd.nextBoolean() ? literalOf(a.type) : column(a.type),
                ")");
        }
        if (r < 95 && on("datearith")) {
            return node(Ty.INT4, f("datearith"), "(", column(Ty.DATE), " - ", dateValue(), ")");
        }
        if (on("subscript") && on("arrays")) {
            return node(Ty.INT4, f("subscript", "arrays"), column(Ty.INT4ARR), "[" + (rnd.nextInt(4)) + "]");
        }
        return numColumn();
    }

    private static String castName(Ty to) {
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

    private Expr numColumn() {
        Ty t = NUM_TYPES[rnd.nextInt(NUM_TYPES.length)];
        return column(t);
    }

    private Expr numLiteralNonZero() {
        String[] lits = {"1", "2", "3", "-1", "7", "10", "0.5", "1.5", "100", "2147483647", "1e3"};
        String v = lits[rnd.nextInt(lits.length)];
        return Expr.leaf(v.contains(".") || v.contains("e") ? Ty.NUMERIC : Ty.INT4, v);
    }

    private Expr str(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return strColumn();
        if (r < 52) return literalOf(Ty.TEXT);
        if (r < 62 && on("funcs")) {
            return node(Ty.TEXT, f("funcs"), rnd.nextBoolean() ? "lower(" : "upper(", str(depth - 1), ")");
        }
        if (r < 67 && on("concatOp")) {
            if (on("concatAny") && rnd.nextInt(4) == 0) {
                return node(Ty.TEXT, f("concatOp", "concatAny"), "(", str(depth - 1), " || ", num(0), ")");
            }
            return node(Ty.TEXT, f("concatOp"), "(", str(depth - 1), " || ", str(depth - 1), ")");
        }
        if (r < 72 && on("concat")) {
            return node(Ty.TEXT, f("concat"), "concat(", str(depth - 1), ", ", of(anyFamily(), 0), ")");
        }
        if (r < 77 && on("funcs")) {
            Expr a = strColumn();
            return node(a.type, f("funcs"), "coalesce(", a, ", ", literalOf(a.type), ")");
        }
        if (r < 90 && on("castText")) {
            Family fam = anyFamily();
            if (fam == Family.STR || fam == Family.BOOL && rnd.nextBoolean()) fam = Family.NUM;
            Expr inner = fam == Family.ENUM && !on("enumText") ? numColumn() : of(fam, depth - 1);
            if (inner.type == Ty.ENUM && !on("enumText")) inner = numColumn();
            return node(Ty.TEXT, inner.type == Ty.ENUM ? f("castText", "enumText") : f("castText"),
                "(", inner, ")::text");
        }
        if (r < 93 && on("typmodCast")) {
            return node(Ty.TEXT, f("typmodCast"), "(", str(depth - 1), rnd.nextBoolean() ? ")::varchar(3)" : ")::char(3)");
        }
        if (r < 96 && on("subscript") && on("arrays")) {
            return node(Ty.TEXT, f("subscript", "arrays"), column(Ty.TEXTARR), "[" + rnd.nextInt(3) + "]");
        }
        if (on("jsonb")) return node(Ty.TEXT, f("jsonb"), "(", column(Ty.JSONB), " ->> 'a')");
        return strColumn();
    }

    private Expr strColumn() {
        Ty[] ts = {Ty.TEXT, Ty.TEXT, Ty.VARCHAR, Ty.BPCHAR};
        return column(ts[rnd.nextInt(ts.length)]);
    }

    private Expr dateValue() {
        return rnd.nextBoolean() ? column(Ty.DATE) : typedLiteral(Ty.DATE);
    }

    private Expr typedLiteral(Ty ty) {
        Expr e = literalOf(ty);
        return e.isUntypedLiteral() ? Expr.leaf(ty, e.parts.get(0) + "::" + ty.pg) : e;
    }

    private Expr ts(int depth) {
        Ty[] tys = {Ty.DATE, Ty.TIMESTAMP, Ty.TIMESTAMPTZ};
        Ty t = tys[rnd.nextInt(3)];
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return column(t);
        if (r < 55) return literalOf(t);
        if (on("datearith") && r < 65) {
            return switch (t) {
                case DATE -> node(Ty.DATE, f("datearith"), "(", column(Ty.DATE), rnd.nextBoolean() ? " + " : " - ",
                    numLiteralSmallInt(), ")");
                case TIMESTAMP -> node(Ty.TIMESTAMP, f("datearith"), "(", column(rnd.nextBoolean() ? Ty.DATE : Ty.TIMESTAMP),
                    rnd.nextBoolean() ? " + " : " - ", intervalValue(), ")");
                default -> node(Ty.TIMESTAMPTZ, f("datearith"), "(", column(Ty.TIMESTAMPTZ),
                    rnd.nextBoolean() ? " + " : " - ", intervalValue(), ")");
            };
        }
        if (on("datearith") && on("time") && r < 70) {
            return node(Ty.TIMESTAMP, f("datearith"), "(", column(Ty.DATE), " + ", rnd.nextBoolean() ? column(Ty.TIME)
                : typedLiteral(Ty.TIME), ")");
        }
        if (on("tsCast") && r < 82) {
            return switch (t) {
                case DATE -> node(Ty.DATE, f("tsCast"), "(", column(rnd.nextBoolean() ? Ty.TIMESTAMP : Ty.TIMESTAMPTZ), ")::date");
                case TIMESTAMP -> node(Ty.TIMESTAMP, f("tsCast"), "(", column(rnd.nextBoolean() ? Ty.DATE : Ty.TIMESTAMPTZ),
                    ")::timestamp");
                default -> node(Ty.TIMESTAMPTZ, f("tsCast"), "(", column(rnd.nextBoolean() ? Ty.DATE : Ty.TIMESTAMP),
                    ")::timestamptz");
            };
        }
        if (on("funcs") && r < 92) {
            String[] fns = {"coalesce", "greatest", "least"};
            return node(t, f("funcs"), fns[rnd.nextInt(3)] + "(", column(t), ", ", literalOf(t), ")");
        }
        return column(t);
    }

    private Expr numLiteralSmallInt() {
        int v = rnd.nextInt(10) == 0 ? 2147483647 : rnd.nextInt(800) - 400;
        return Expr.leaf(Ty.INT4, Integer.toString(v));
    }

    private Expr time(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 50) return column(Ty.TIME);
        if (r < 65) return literalOf(Ty.TIME);
        if (r < 85 && on("datearith")) {
            return node(Ty.TIME, f("datearith", "time"), "(", column(Ty.TIME), rnd.nextBoolean() ? " + " : " - ",
                intervalValue(), ")");
        }
        if (on("tsCast")) return node(Ty.TIME, f("tsCast", "time"), "(", column(Ty.TIMESTAMP), ")::time");
        return column(Ty.TIME);
    }

    private Expr intervalValue() {
        return rnd.nextInt(3) == 0 ? column(Ty.INTERVAL) : typedLiteral(Ty.INTERVAL);
    }

    private Expr interval(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 45) return column(Ty.INTERVAL);
        if (r < 57) return literalOf(Ty.INTERVAL);
        if (r < 67) {
            return node(Ty.INTERVAL, f("intervalArith"), "(", interval(depth - 1), rnd.nextBoolean() ? " + " : " - ",
                intervalValue(), ")");
        }
        if (r < 72) {
            Expr a = interval(depth - 1);
            if (a.isUntypedLiteral()) a = Expr.leaf(Ty.INTERVAL, a.parts.get(0) + "::interval");
            return node(Ty.INTERVAL, f("intervalArith"), "- ", a);
        }
        if (r < 80 && on("intervalMul")) {
            String[] factors = {"2", "0.5", "1.5", "-1", "3", "1e3"};
            return rnd.nextBoolean()
                ? node(Ty.INTERVAL, f("intervalArith", "intervalMul"), "(", column(Ty.INTERVAL), " * "
                    + factors[rnd.nextInt(factors.length)] + ")")
                : node(Ty.INTERVAL, f("intervalArith", "intervalMul", "intervalDiv"), "(", column(Ty.INTERVAL), " / "
                    + factors[rnd.nextInt(factors.length)] + ")");
        }
        if (r < 88 && on("datearith")) {
            return rnd.nextBoolean()
                ? node(Ty.INTERVAL, f("datearith"), "(", column(Ty.TIMESTAMP), " - ", literalOf(Ty.TIMESTAMP), ")")
                : node(Ty.INTERVAL, f("datearith", "time", "timeMinusTime"), "(", column(Ty.TIME), " - ",
                    typedLiteral(Ty.TIME), ")");
        }
        if (on("justify")) {
            String[] fns = {"justify_days", "justify_hours", "justify_interval"};
            return node(Ty.INTERVAL, f("justify"), fns[rnd.nextInt(3)] + "(", column(Ty.INTERVAL), ")");
        }
        return column(Ty.INTERVAL);
    }

    private Expr uuid(int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 60) return column(Ty.UUID);
        if (r < 85) return literalOf(Ty.UUID);
        if (on("funcs")) return node(Ty.UUID, f("funcs", "uuid"), "coalesce(", column(Ty.UUID), ", ", literalOf(Ty.UUID), ")");
        return column(Ty.UUID);
    }

    private Expr arrayOf(Ty arrTy, int depth) {
        int r = rnd.nextInt(100);
        if (depth <= 0 || r < 55) return column(arrTy);
        if (r < 70) return arrayLiteral(arrTy, false);
        boolean ints = arrTy == Ty.INT4ARR;
        if (r < 80 && on("arrayConcat")) {
            Expr elem = ints ? Expr.leaf(Ty.INT4, Integer.toString(rnd.nextInt(5) - 1)) : Expr.leaf(Ty.TEXT, "'a'::text");
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
    private Expr arrayLiteral(Ty arrTy, boolean untypedOk) {
        String v = vals.value(arrTy);
        while (v.startsWith("{{") || v.startsWith("[")) v = vals.value(arrTy);
        int form = rnd.nextInt(3);
        if (form == 0 && untypedOk) return Expr.leaf(arrTy, Expr.quote(v));
        if (form <= 1 || !on("arrayCtor") || v.equals("{}")) {
            return Expr.leaf(arrTy, Expr.quote(v) + "::" + arrTy.pg);
        }
        List<String> elems = new ArrayList<>();
        if (arrTy == Ty.INT4ARR) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) elems.add(rnd.nextInt(8) == 0 ? "NULL" : Integer.toString(rnd.nextInt(7) - 2));
            if (elems.stream().allMatch("NULL"::equals)) elems.set(0, "1");
        } else {
            String[] pool = {"'a'", "'b'", "'é'", "'a b'", "'open'", "''", "'NULL'", "'abc'"};
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) elems.add(pool[rnd.nextInt(pool.length)]);
        }
        return Expr.leaf(arrTy, "ARRAY[" + String.join(", ", elems) + "]", "arrayCtor");
    }

    // ---------------------------------------------------------------- literals

    Expr literalOf(Ty ty) {
        String v = vals.value(ty);
        return switch (ty) {
            case INT2, INT4, INT8, NUMERIC, FLOAT4, FLOAT8 -> numLiteral(ty, v);
            case TEXT, VARCHAR, BPCHAR -> Expr.leaf(ty, Expr.quote(v));
            case BOOL -> Expr.leaf(ty, rnd.nextBoolean() ? v : Expr.quote(v));
            case DATE -> typed(ty, v, "date");
            case TIMESTAMP -> typed(ty, v, "timestamp");
            case TIMESTAMPTZ -> typed(ty, v, "timestamptz");
            case TIME -> typed(ty, v, "time");
            case INTERVAL -> typed(ty, v, "interval");
            case UUID -> typed(ty, v, "uuid");
            case INT4ARR, TEXTARR -> arrayLiteral(ty, true);
            case JSONB -> Expr.leaf(ty, Expr.quote(v) + "::jsonb", "jsonb");
            case ENUM -> Expr.leaf(ty, Expr.quote(v), "enumCmp");
        };
    }

    private Expr literalOf(Ty ty, String... choices) {
        return Expr.leaf(ty, Expr.quote(choices[rnd.nextInt(choices.length)]));
    }

    /** An untyped {@code 'v'}, a prefixed {@code type 'v'} or a cast {@code 'v'::type}. */
    private Expr typed(Ty ty, String v, String typeName) {
        int form = rnd.nextInt(3);
        if (form == 0) return Expr.leaf(ty, Expr.quote(v));
        if (form == 1 && !typeName.equals("uuid")) return Expr.leaf(ty, typeName + " " + Expr.quote(v));
        return Expr.leaf(ty, Expr.quote(v) + "::" + typeName);
    }

    /** A numeric literal that has a type of its own (bare number or cast), for arithmetic operands. */
    private Expr typedNumLiteral(Ty ty) {
        Expr e = literalOf(ty);
        return e.isUntypedLiteral() ? Expr.leaf(ty, e.parts.get(0) + "::" + ty.pg) : e;
    }

    private Expr numLiteral(Ty ty, String v) {
        if (v.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") && rnd.nextInt(4) > 0) {
            String digits = v.startsWith("-") ? v.substring(1) : v;
            Ty lt;
            if (digits.matches("[0-9]+")) {
                java.math.BigInteger b = new java.math.BigInteger(digits);
                lt = b.bitLength() < 32 ? Ty.INT4 : b.bitLength() < 64 ? Ty.INT8 : Ty.NUMERIC;
            } else {
                lt = Ty.NUMERIC;
            }
            return Expr.leaf(lt, v.startsWith("-") ? "(" + v + ")" : v);
        }
        if (rnd.nextBoolean()) return Expr.leaf(ty, Expr.quote(v));
        return Expr.leaf(ty, Expr.quote(v) + "::" + ty.pg);
    }
}
