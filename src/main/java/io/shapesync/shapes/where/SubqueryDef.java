package io.shapesync.shapes.where;

import io.shapesync.shapes.where.parse.Node;
import java.util.ArrayList;
import java.util.List;

/** One {@code (lhs) [NOT] IN (SELECT cols FROM t WHERE ...)} of a shape's where clause. */
final class SubqueryDef implements Subquery {
    private final int index;
    private final String schema;
    private final String table;
    private final List<String> columns;
    private final List<SqlType> innerTypes;
    private final List<SqlType> compareTypes;
    private final Where where;

    private SubqueryDef(int index, String schema, String table, List<String> columns, List<SqlType> innerTypes,
                        List<SqlType> compareTypes, Where where) {
        this.index = index;
        this.schema = schema;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.innerTypes = innerTypes;
        this.compareTypes = compareTypes;
        this.where = where;
    }

    static Expr check(Checker c, Node.InSubquery n) {
        if (c.mode == Mode.SUBSET) {
            throw new WhereException(n.pos(), "Subqueries are not allowed in subsets");
        }
        Node.Select sel = n.select();
        List<WhereColumn> inner = c.tables.columns(sel.schema(), sel.table());
        List<Node> lhsNodes = n.left() instanceof Node.RowCtor r ? r.elements() : List.of(n.left());
        if (sel.targets().size() > lhsNodes.size()) {
            throw new WhereException(sel.pos(), "subquery has too many columns");
        }
        if (sel.targets().size() < lhsNodes.size()) {
            throw new WhereException(sel.pos(), "subquery has too few columns");
        }
        List<String> names = new ArrayList<>();
        List<SqlType> innerTypes = new ArrayList<>();
        List<SqlType> cmpTypes = new ArrayList<>();
        List<Expr> lhs = new ArrayList<>();
        for (int i = 0; i < lhsNodes.size(); i++) {
            if (!(sel.targets().get(i) instanceof Node.ColumnRef ref)) {
                throw new WhereException(sel.targets().get(i).pos(),
                        "only column references are supported in subquery select lists");
            }
            WhereColumn col = inner.stream().filter(w -> w.name().equals(ref.name())).findFirst()
                    .orElseThrow(() -> new WhereException(ref.pos(), "unknown reference " + ref.name()));
            SqlType it = c.columnType(col, ref.pos());
            Expr l = c.check(lhsNodes.get(i));
            Expr.Op eq = c.resolve("=", l, new Expr.Const(it, null, false, ref.pos()), n.pos());
            SqlType cmp = wider(eq.left().type(), eq.right().type());
            names.add(ref.name());
            innerTypes.add(it);
            cmpTypes.add(cmp);
            lhs.add(c.coerce(eq.left(), cmp));
        }
        Where w = null;
        if (sel.where() != null) {
            w = Where.compileNode(sel.where(), c.params, inner, Mode.SHAPE, c.tables);
        }
        SubqueryDef def = new SubqueryDef(c.subqueries.size(), sel.schema(), sel.table(), names, innerTypes,
                cmpTypes, w);
        c.subqueries.add(def);
        return new Expr.InSub(lhs, def, n.negated(), n.pos());
    }

    /** The comparison type of a (possibly cross-type) equality: the side the other converts to. */
    static SqlType wider(SqlType a, SqlType b) {
        if (a.equals(b) || SqlType.canImplicit(b, a)) {
            return a;
        }
        if (SqlType.canImplicit(a, b)) {
            return b;
        }
        return a;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String schema() {
        return schema == null ? "public" : schema;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Where where() {
        return where;
    }

    private String from() {
        return " FROM " + Sql.ident(schema()) + "." + Sql.ident(table);
    }

    @Override
    public Where.Sql sql() {
        List<String> binds = new ArrayList<>();
        StringBuilder b = new StringBuilder("SELECT DISTINCT ");
        for (int i = 0; i < columns.size(); i++) {
            b.append(i > 0 ? ", " : "").append(Sql.ident(columns.get(i))).append("::text");
        }
        b.append(from());
        if (where != null) {
            Where.Sql w = where.sql();
            b.append(" WHERE ").append(w.text());
            binds.addAll(w.binds());
        }
        return new Where.Sql(b.toString(), binds);
    }

    /** Renders the subquery inside the outer clause. */
    void render(Renderer r, List<String> binds) {
        StringBuilder b = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            b.append(i > 0 ? ", " : "").append(Sql.ident(columns.get(i)));
        }
        b.append(from());
        r.raw(b.toString());
        if (where != null) {
            r.raw(" WHERE ");
            if (binds == null) {
                r.raw(where.canonicalSql());
            } else {
                Where.Sql w = where.sql();
                r.raw(w.text());
                binds.addAll(w.binds());
            }
        }
    }

    @Override
    public Object key(List<String> texts) {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                keys.add(null);
                continue;
            }
            Object v = TypeIO.parse(innerTypes.get(i), t);
            v = Casts.cast(innerTypes.get(i), compareTypes.get(i)).apply(v);
            keys.add(Keys.key(compareTypes.get(i), v));
        }
        return keys.size() == 1 ? keys.get(0) : keys;
    }

    /** The key of the outer side's values (already in the comparison types). */
    Object keyOfValues(Object[] v) {
        if (v.length == 1) {
            return Keys.key(compareTypes.get(0), v[0]);
        }
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            keys.add(Keys.key(compareTypes.get(i), v[i]));
        }
        return keys;
    }
}
