package io.shapesync.shapes.where;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Everything the differential test learned about one predicate on a set of rows. */
final class DiffCase {
    /** One disagreement: its kind, a description, and the rows it concerns (empty when not row-specific). */
    record Problem(String kind, String detail, Set<Integer> rows) {
    }

    final GenExpr expr;
    final Map<String, String> params = new LinkedHashMap<>();
    final String text;
    final String inline;

    /** Postgres rejected the predicate before reading rows (generator problem, not the engine's). */
    String pgError;
    String rejected;
    boolean rejectedInScope;
    Where where;
    String canonical;
    Where.Sql sql;
    /** Per row: Postgres' value of the raw predicate / of the engine's canonical SQL ("true", "false", null, ERROR). */
    Map<Integer, String> pgRaw;
    Map<Integer, String> pgCanonical;
    /** Per row: 'T' (matches), 'F' (does not), 'E' (EvaluationException). */
    final Map<Integer, Character> engine = new LinkedHashMap<>();
    TreeSet<Integer> rawWhere;
    String rawWhereError;
    TreeSet<Integer> boundWhere;
    String boundWhereError;
    final List<Problem> problems = new ArrayList<>();
    int evalErrors;
    int spuriousEvalErrors;
    int missedEvalErrors;
    int renderErrorDiffs;
    int qualOrderErrors;
    String spuriousExample;
    String hintKind;
    /** The row the engine thread is evaluating (to name it when it hangs). */
    volatile Integer currentRow;

    DiffCase(GenExpr expr) {
        this.expr = expr;
        this.text = expr.render(params);
        this.inline = expr.renderInline();
    }

    void problem(String kind, String detail, Set<Integer> rows) {
        problems.add(new Problem(kind, detail, rows));
    }

    Problem problemOfKind(String kind) {
        return problems.stream().filter(p -> p.kind().equals(kind)).findFirst().orElse(null);
    }

    static boolean isError(String pgValue) {
        return pgValue != null && pgValue.startsWith(DiffOracle.ERROR);
    }
}
