package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Operator-precedence parsing of Postgres' {@code a_expr} (and, with {@code b} set, the restricted {@code b_expr}
 * used for BETWEEN's lower bound). The levels follow gram.y's precedence declarations; comparison, IS, LIKE-family
 * and BETWEEN are non-associative exactly where bison's resolution makes them so (a complete postfix construct such
 * as {@code a IS NULL} or {@code a IN (1)} can be followed by an operator of its own level, a pending binary one
 * cannot).
 */
final class ExprParser {
    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int IS = 4;
    static final int CMP = 5;
    static final int LIKE = 6;
    static final int OP = 8;
    static final int ADD = 9;
    static final int MUL = 10;
    static final int EXP = 11;
    static final int AT = 12;
    static final int COLLATE = 13;
    static final int UMINUS = 14;
    static final int CAST = 17;

    private static final Set<String> LIKE_LEVEL = Set.of("between", "in", "like", "ilike", "similar");
    private static final Set<String> COMPARISONS = Set.of("<", ">", "=", "<=", ">=", "<>", "!=");
    private static final Set<String> MATH_ONLY_BINARY = Set.of("*", "/", "%", "^", "<", ">", "=", "<=", ">=",
            "<>", "!=");

    final TokenStream ts;
    final PrimaryParser primaries;
    final TypeNameParser types;
    final SelectParser selects;
    /** The node of the most recent {@code (SELECT ...)} with nothing applied to it (Postgres' select_with_parens). */
    Node bareSelect;

    ExprParser(TokenStream ts) {
        this.ts = ts;
        this.types = new TypeNameParser(this);
        this.primaries = new PrimaryParser(this);
        this.selects = new SelectParser(this);
    }

    /** A full {@code a_expr}. */
    Node expr() {
        return expr(0, false);
    }

    Node expr(int minPrec, boolean b) {
        ts.enter(ts.peek());
        try {
            Node left = prefix(b);
            int pending = -1;
            while (true) {
                Token t = ts.peek();
                int level = infixLevel(t, b);
                if (level < 0 || level < minPrec) {
                    return left;
                }
                if (level == pending) {
                    throw ts.syntaxError(t);
                }
                left = infix(left, t, level, b);
                pending = leavesPendingRule(level, left) ? level : -1;
            }
        } finally {
            ts.leave();
        }
    }

    /**
     * Whether the construct just parsed leaves a pending non-associative binary rule (comparison, LIKE, SIMILAR,
     * BETWEEN, IS DISTINCT FROM): an operator of the same level right after it is a syntax error. Complete postfix
     * constructs ({@code IS NULL}, {@code IN (...)}, {@code op ANY (...)}) leave none.
     */
    private static boolean leavesPendingRule(int level, Node result) {
        return switch (level) {
            case CMP -> result instanceof Node.BinaryOp;
            case LIKE -> result instanceof Node.Like || result instanceof Node.Between
                    || result instanceof Node.BinaryOp;
            case IS -> result instanceof Node.Distinct;
            default -> false;
        };
    }

    private int infixLevel(Token t, boolean b) {
        if (t.kind() == Kind.OP) {
            return switch (t.text()) {
                case "<", ">", "=", "<=", ">=", "<>", "!=" -> CMP;
                case "+", "-" -> ADD;
                case "*", "/", "%" -> MUL;
                case "^" -> EXP;
                default -> OP;
            };
        }
        if (t.isPunct("::")) {
            return CAST;
        }
        if (t.kind() != Kind.IDENT) {
            return -1;
        }
        return switch (t.text()) {
            case "or" -> b ? -1 : OR;
            case "and" -> b ? -1 : AND;
            case "is" -> !b || isDistinctAhead() ? IS : -1;
            case "isnull", "notnull" -> b ? -1 : IS;
            case "not" -> !b && LIKE_LEVEL.contains(ts.peek(1).text()) && ts.peek(1).kind() == Kind.IDENT ? LIKE : -1;
            case "between", "in", "like", "ilike", "similar" -> b ? -1 : LIKE;
            case "at" -> b ? -1 : AT;
            case "collate" -> b ? -1 : COLLATE;
            default -> -1;
        };
    }

    private boolean isDistinctAhead() {
        int k = ts.peek(1).isKeyword("not") ? 2 : 1;
        return ts.peek(k).isKeyword("distinct");
    }

    private Node prefix(boolean b) {
        Token t = ts.peek();
        if (t.isKeyword("not")) {
            if (b) {
                throw ts.syntaxError(t);
            }
            ts.advance();
            Node operand = expr(IS, false);
            return ts.node(new Node.Not(t.start(), operand), operand);
        }
        if (t.kind() == Kind.OP) {
            if (t.text().equals("+") || t.text().equals("-")) {
                ts.advance();
                Node operand = expr(UMINUS, b);
                return ts.node(new Node.UnaryOp(t.start(), t.text(), operand), operand);
            }
            if (MATH_ONLY_BINARY.contains(t.text())) {
                throw ts.syntaxError(t);
            }
            ts.advance();
            Node operand = expr(ADD, b);
            return ts.node(new Node.UnaryOp(t.start(), t.text(), operand), operand);
        }
        return primaries.primary();
    }

    private Node infix(Node left, Token t, int level, boolean b) {
        return switch (level) {
            case OR -> chain(left, "or", AND, true);
            case AND -> chain(left, "and", NOT, false);
            case IS -> is(left, t, b);
            case LIKE -> likeLevel(left, t);
            case AT -> atTimeZone(left, t);
            case COLLATE -> collate(t);
            case CAST -> {
                ts.advance();
                Node.TypeName type = types.typeName();
                yield ts.node(new Node.Cast(t.start(), left, type), left);
            }
            default -> binary(left, t, level, b);
        };
    }

    /** A flattened OR/AND chain: {@code a OR b OR c}; a left operand that is already an OR (AND) is extended. */
    private Node chain(Node left, String keyword, int operandPrec, boolean or) {
        List<Node> args = new ArrayList<>();
        int pos;
        if (or && left instanceof Node.Or o) {
            args.addAll(o.args());
            pos = o.pos();
        } else if (!or && left instanceof Node.And a) {
            args.addAll(a.args());
            pos = a.pos();
        } else {
            args.add(left);
            pos = ts.peek().start();
        }
        while (ts.acceptKeyword(keyword)) {
            args.add(expr(operandPrec, false));
        }
        return or ? ts.node(new Node.Or(pos, args), args) : ts.node(new Node.And(pos, args), args);
    }

    private Node is(Node left, Token t, boolean b) {
        ts.advance();
        if (t.isKeyword("isnull") || t.isKeyword("notnull")) {
            return ts.node(new Node.IsNull(t.start(), left, t.isKeyword("notnull")), left);
        }
        boolean negated = ts.acceptKeyword("not");
        Token what = ts.advance();
        if (what.kind() == Kind.IDENT) {
            switch (what.text()) {
                case "null":
                    return ts.node(new Node.IsNull(t.start(), left, negated), left);
                case "true", "false", "unknown":
                    Node.IsBool.BoolTest test = Node.IsBool.BoolTest.valueOf(what.text().toUpperCase());
                    return ts.node(new Node.IsBool(t.start(), left, test, negated), left);
                case "distinct": {
                    ts.expectKeyword("from");
                    Node right = expr(IS + 1, b);
                    return ts.node(new Node.Distinct(t.start(), left, right, negated), left, right);
                }
                case "document":
                    return new Node.Unsupported(t.start(), "XmlExpr");
                default:
                    break;
            }
        }
        throw ts.syntaxError(what);
    }

    private Node binary(Node left, Token t, int level, boolean b) {
        String op = t.text().equals("!=") ? "<>" : t.text();
        if (!b && isSubType(ts.peek(1))) {
            ts.advance();
            return anyAll(left, t, op);
        }
        ts.advance();
        Node right = expr(level + 1, b);
        return ts.node(new Node.BinaryOp(t.start(), op, left, right), left, right);
    }

    private static boolean isSubType(Token t) {
        return t.isKeyword("any") || t.isKeyword("some") || t.isKeyword("all");
    }

    /** {@code left op ANY|SOME|ALL (array)} or {@code (SELECT ...)}; the operator token is already consumed. */
    private Node anyAll(Node left, Token opToken, String op) {
        boolean all = ts.advance().isKeyword("all");
        ts.expectPunct("(");
        if (ts.atKeyword("select")) {
            Node.Select s = selects.select();
            ts.expectPunct(")");
            return ts.node(new Node.OtherSublink(opToken.start(), all ? "ALL" : "ANY", s), left, s);
        }
        Node array = expr();
        ts.expectPunct(")");
        if (array == bareSelect && array instanceof Node.OtherSublink sub) {
            return ts.node(new Node.OtherSublink(opToken.start(), all ? "ALL" : "ANY", sub.select()), left, sub);
        }
        return ts.node(new Node.AnyAll(opToken.start(), op, left, array, all), left, array);
    }

    private Node likeLevel(Node left, Token t) {
        boolean negated = t.isKeyword("not");
        if (negated) {
            ts.advance();
        }
        Token kw = ts.advance();
        switch (kw.text()) {
            case "like", "ilike": {
                boolean ci = kw.text().equals("ilike");
                if (isSubType(ts.peek())) {
                    return anyAll(left, t, (negated ? "!" : "") + (ci ? "~~*" : "~~"));
                }
                Node pattern = expr(LIKE + 1, false);
                Node escape = ts.acceptKeyword("escape") ? expr(LIKE + 1, false) : null;
                return ts.node(new Node.Like(t.start(), left, pattern, escape, ci, negated), left, pattern, escape);
            }
            case "similar": {
                ts.expectKeyword("to");
                Token patternStart = ts.peek();
                List<Node> args = new ArrayList<>();
                args.add(expr(LIKE + 1, false));
                if (ts.acceptKeyword("escape")) {
                    args.add(expr(LIKE + 1, false));
                }
                Node call = ts.node(new Node.FuncCall(patternStart.start(), "pg_catalog.similar_to_escape", args,
                        false, false, false, false), args);
                return ts.node(new Node.BinaryOp(t.start(), negated ? "!~" : "~", left, call), left, call);
            }
            case "between": {
                boolean symmetric = ts.acceptKeyword("symmetric");
                if (!symmetric) {
                    ts.acceptKeyword("asymmetric");
                }
                Node low = expr(0, true);
                ts.expectKeyword("and");
                Node high = expr(LIKE + 1, false);
                return ts.node(new Node.Between(t.start(), left, low, high, negated, symmetric), left, low, high);
            }
            default:
                return in(left, t, negated);
        }
    }

    private Node in(Node left, Token t, boolean negated) {
        ts.expectPunct("(");
        if (ts.atKeyword("select")) {
            Node.Select s = selects.select();
            ts.expectPunct(")");
            return ts.node(new Node.InSubquery(t.start(), left, s, negated), left, s);
        }
        List<Node> list = exprList();
        ts.expectPunct(")");
        if (list.size() == 1 && list.get(0) == bareSelect && bareSelect instanceof Node.OtherSublink sub) {
            return ts.node(new Node.InSubquery(t.start(), left, sub.select(), negated), left, sub);
        }
        List<Node> all = new ArrayList<>(list);
        all.add(left);
        return ts.node(new Node.InList(t.start(), left, list, negated), all);
    }

    /** One or more comma-separated expressions. */
    List<Node> exprList() {
        List<Node> list = new ArrayList<>();
        do {
            list.add(expr());
        } while (ts.acceptPunct(","));
        return list;
    }

    private Node atTimeZone(Node left, Token t) {
        ts.advance();
        ts.expectKeyword("time");
        ts.expectKeyword("zone");
        Node zone = expr(AT + 1, false);
        return ts.node(new Node.Unsupported(t.start(), "AtTimeZone"), left, zone);
    }

    private Node collate(Token t) {
        ts.advance();
        primaries.qualifiedName(true);
        return new Node.Unsupported(t.start(), "CollateClause");
    }
}
