package io.shapesync.shapes.where;

/**
 * Flat filters for the most common clause shape, {@code column = constant} on integers or text: one object, no
 * evaluation frame, no boxing. Semantics are those of the general evaluator (NULL never matches; a value that is
 * not an integer raises as Postgres would).
 */
final class FastFilter {
    private FastFilter() {
    }

    /** A flat filter for {@code e}, or null when {@code e} is not {@code column = constant}. */
    static RowFilter of(Expr e) {
        if (!(e instanceof Expr.Op o) || !o.op().equals("=") || !(o.left() instanceof Expr.Col c)
                || !(o.right() instanceof Expr.Const k) || k.value() == null) {
            return null;
        }
        int slot = c.slot();
        if (c.type().isInteger() && k.type().isInteger() && k.value() instanceof Long want) {
            long w = want;
            SqlType t = c.type();
            long min = Ints.min(t);
            long max = Ints.max(t);
            return row -> {
                String s = row.text(slot);
                if (s == null) {
                    return false;
                }
                try {
                    return Ints.parse(s, t, min, max) == w;
                } catch (IllegalArgumentException ex) {
                    throw new EvaluationException(ex.getMessage());
                }
            };
        }
        if (c.type().name().equals("text") && !c.type().array() && k.type().name().equals("text") && !k.type().array()
                && k.value() instanceof String want) {
            return row -> want.equals(row.text(slot));
        }
        return null;
    }
}
