package io.shapesync.shapes.where;

import io.shapesync.shapes.where.parse.Node;
import io.shapesync.shapes.where.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated, compiled where clause (spec §11): parsed with Postgres' expression grammar, type-checked against the
 * table's columns, parameters ({@code $n}) resolved, constants folded. It renders canonical SQL (shape identity),
 * SQL with bound parameters (snapshot queries) and a compiled {@link RowFilter} with Postgres semantics (three-valued
 * logic, numeric precision, the C collation for text ordering and case folding, see docs).
 */
public final class Where {

    /** SQL text with {@code ?} placeholders (each written as {@code ?::<type>}) and the values to bind, in order. */
    public record Sql(String text, List<String> binds) {
        public Sql {
            binds = List.copyOf(binds);
        }
    }

    /** Looks up other tables' columns for subqueries. */
    @FunctionalInterface
    public interface TableResolver {
        /**
         * The columns of {@code schema.table} ({@code schema} null when the subquery did not name one: public).
         *
         * @throws WhereException when the table does not exist
         */
        List<WhereColumn> columns(String schema, String table);
    }

    private final Expr expr;
    private final List<String> columns;
    private final List<SqlType> slotTypes;
    private final List<Subquery> subqueries;
    private final String canonical;
    private final Sql sql;
    private final IndexHint hint;
    private final Compiler.Ev ev;
    private final RowFilter fast;  // column = constant, or null

    private Where(Expr expr, List<String> columns, List<SqlType> slotTypes, List<SubqueryDef> subqueries) {
        this.expr = expr;
        this.columns = List.copyOf(columns);
        this.slotTypes = List.copyOf(slotTypes);
        this.subqueries = List.copyOf(subqueries);
        this.canonical = Renderer.render(expr, null);
        List<String> binds = new ArrayList<>();
        String text = Renderer.render(expr, binds);
        this.sql = new Sql(text, binds);
        this.hint = HintBuilder.hint(expr, slotTypes);
        this.ev = Compiler.compile(expr);
        this.fast = FastFilter.of(expr);
    }

    /**
     * Compiles a where clause.
     *
     * @param text    the clause as the client sent it
     * @param params  {@code "1" -> value, ...} as sent ({@code params[1]=...}); already checked to be numbered 1..k
     * @param columns every column of the table (any column may be referenced, not just selected ones)
     * @param mode    shape or subset clause
     * @param tables  resolves subquery tables (may throw WhereException); unused in {@link Mode#SUBSET}
     * @throws WhereException with the position and reason of the first problem
     */
    public static Where compile(String text, Map<String, String> params, List<WhereColumn> columns, Mode mode,
                                TableResolver tables) {
        return compileNode(Parser.parse(text), params, columns, mode, tables);
    }

    /** Compiles an already parsed clause. */
    static Where compileNode(Node node, Map<String, String> params, List<WhereColumn> columns, Mode mode,
                             TableResolver tables) {
        List<SubqueryDef> subs = new ArrayList<>();
        Checker c = new Checker(columns, params, mode, tables, subs);
        Expr e = c.checkWhere(node);
        return new Where(e, new ArrayList<>(c.slots.keySet()), c.slotTypes, subs);
    }

    /** Canonical SQL: identifiers quoted, parameters inlined as {@code '<v>'::<type>}. Equal clauses, equal text. */
    public String canonicalSql() {
        return canonical;
    }

    /** The clause as SQL with parameters and string constants bound as placeholders, for snapshot queries. */
    public Sql sql() {
        return sql;
    }

    /** The columns the clause references (outside subqueries); slot i of {@link RowValues} is column i. */
    public List<String> columns() {
        return columns;
    }

    /** The compiled filter; only for clauses without subqueries. */
    public RowFilter filter() {
        if (!subqueries.isEmpty()) {
            throw new IllegalStateException("the clause has subqueries: use filter(SubqueryValues)");
        }
        return filter(null);
    }

    /** The compiled filter reading subquery results from {@code values}. */
    public RowFilter filter(SubqueryValues values) {
        if (fast != null) {
            return fast;
        }
        Compiler.Ev e = ev;
        List<SqlType> types = slotTypes;
        return row -> Boolean.TRUE.equals(e.eval(new Frame(row, types, values)));
    }

    /** A necessary condition for routing indexes ({@link IndexHint#NONE} when there is none). */
    public IndexHint indexHint() {
        return hint;
    }

    /** The subqueries, in order of appearance; empty for most clauses. */
    public List<Subquery> subqueries() {
        return subqueries;
    }

    @Override
    public String toString() {
        return canonical;
    }
}
